// Command handbook builds an offline, printable exercise handbook from a
// folder of structured markdown. See README.md for the content model.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"handbook"
	"handbook/generator/diag"
	"handbook/generator/publish"
	"handbook/generator/schema"
	"handbook/generator/site"
)

const usage = `handbook turns a folder of structured markdown into an offline handbook.

Usage:
  handbook build   [-q] [-content DIR] [-out DIR] [-base-url URL] [-zip FILE] [-layouts DIR] [-assets DIR]
  handbook check   [-q] [-content DIR] [-layouts DIR] [-assets DIR]
  handbook serve   [-q] [-addr 127.0.0.1:1313] [-content DIR] [-open] [-layouts DIR] [-assets DIR]
  handbook new     [-q] [-content DIR] SECTION ID
  handbook translated [-q] [-content DIR] FILE|FOLDER...
  handbook version

Run "handbook COMMAND -h" (or --help) for the flags of a command. Flags may
come after the arguments. -q (--quiet) prints only errors and warnings.
Positions are coloured on a terminal; NO_COLOR=1 turns colour off and
FORCE_COLOR=1 turns it on for any output.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes: content mistakes are the author's to fix; anything else (a
// full disk, a folder that cannot be written, another build holding the
// output) is not, and scripts can tell the two apart.
const (
	exitContent = 1 // content errors: every problem printed as file:line:col
	exitUsage   = 2 // a mistake in the command line
	exitFailure = 3 // the build could not run or write: I/O, disk full, busy
)

// run executes one command and returns the exit code: 0 success, 1 content
// errors, 2 usage errors, 3 other failures.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return build(args[1:], stdout, stderr, true)
	case "check":
		return build(args[1:], stdout, stderr, false)
	case "new":
		return newPage(args[1:], stdout, stderr)
	case "translated":
		return translated(args[1:], stdout, stderr)
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		if wantsHelp(args[1:]) {
			fmt.Fprintln(stdout, "Usage: handbook version\n\nPrints the version of handbook, its commit and the Go that built it.")
			return 0
		}
		fmt.Fprintln(stdout, "handbook", version())
		return 0
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" { // "handbook help build"
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: handbook %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, returning the exit code to use if parsing ended the
// command. Flags may come before, between or after the arguments
// ("handbook new exercise plank -content docs"), as with Hugo and Zola;
// after "--" everything is an argument. fs.Args() is the arguments. Help
// asked for (-h, --help) is printed to stdout; help after a mistake goes
// to stderr with the mistake.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	if wantsHelp(args) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, false
	}
	var positional []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0, false
			}
			return 2, false
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		// Parse stopped at "--" (everything after is an argument) or at
		// an argument, after which more flags may come
		if used := len(rest) - len(left); used > 0 && rest[used-1] == "--" {
			positional = append(positional, left...)
			break
		}
		positional = append(positional, left[0])
		rest = left[1:]
	}
	fs.Parse(append([]string{"--"}, positional...)) // so that fs.Args() holds them
	return 0, true
}

// wantsHelp reports whether args ask for help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--h", "-help", "--help":
			return true
		}
	}
	return false
}

func build(args []string, stdout, stderr io.Writer, write bool) int {
	name, synopsis := "check", "check [-q] [-content DIR] [-layouts DIR] [-assets DIR]"
	if write {
		name, synopsis = "build", "build [-q] [-content DIR] [-out DIR] [-base-url URL] [-zip FILE] [-layouts DIR] [-assets DIR] [-figures] [-v]"
	}
	f := flags(name, synopsis, stderr)
	contentDir := f.String("content", "content", "the content `folder`")
	layouts := f.String("layouts", "", "use the html/template layouts in `folder` instead of the built-in ones")
	assets := f.String("assets", "", "use the CSS, JS and icons in `folder` instead of the built-in ones")
	verbose := f.Bool("v", false, "print how long each stage of the build took")
	profile := f.String("cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
	quiet := quietFlag(f)
	var out, baseURL, zipFile *string
	var sheet *bool
	if write {
		sheet = f.Bool("figures", false, "also write figures.html: every exercise's figure on one page, to check them by eye")
		out = f.String("out", "public", "the output `folder`, replaced as a whole by each build")
		baseURL = f.String("base-url", "", "the `URL` the site is published at (only for canonical links and the sitemap)")
		zipFile = f.String("zip", "", "also write the site as a zip `file` to unzip anywhere and open from disk")
	}
	if code, ok := parse(f, args, stdout); !ok {
		return code
	}
	if f.NArg() > 0 {
		fmt.Fprintf(stderr, "handbook %s: unexpected argument %q\n", name, f.Arg(0))
		f.Usage()
		return 2
	}
	if *quiet {
		stdout = io.Discard // all that goes there is news of success
	}
	cfg := site.Config{Content: *contentDir, Layouts: handbook.Layouts(), Assets: handbook.Assets(), Untranslated: !write}
	if *assets != "" {
		cfg.Assets, cfg.AssetsName = os.DirFS(*assets), filepath.ToSlash(*assets)
	}
	cfg.Worker, _ = fs.ReadFile(cfg.Assets, "sw.js") // none in the assets: no offline copy
	if *layouts != "" {
		cfg.Layouts, cfg.LayoutsName = os.DirFS(*layouts), filepath.ToSlash(*layouts)
	}
	if write {
		if strings.TrimSpace(*out) == "" {
			fmt.Fprintf(stderr, "handbook %s: -out must name a folder\n", name)
			f.Usage()
			return exitUsage
		}
		if u := *baseURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			fmt.Fprintf(stderr, "handbook %s: -base-url must start with http:// or https://, not %q\n", name, u)
			return exitUsage
		}
		cfg.Out, cfg.BaseURL, cfg.ContactSheet = *out, *baseURL, *sheet
	}
	if *profile != "" {
		pf, err := os.Create(*profile)
		if err != nil {
			return failure("cpuprofile", err, stderr)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return failure("cpuprofile", err, stderr)
		}
		defer pprof.StopCPUProfile()
	}
	res, err := site.Build(cfg)
	if err != nil {
		return report(err, stderr)
	}
	colour := useColour(stderr)
	for _, w := range res.Warnings {
		printProblem(stderr, w, true, colour)
	}
	if *verbose {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-9s %6.1f ms\n", st.Name, st.Took.Seconds()*1000)
		}
	}
	if write && *zipFile != "" {
		if err := publish.Zip(cfg.Out, *zipFile); err != nil {
			return failure("zip", err, stderr)
		}
		fmt.Fprintf(stdout, "wrote %s: unzip it anywhere and open START-HERE.html\n", *zipFile)
	}
	if write {
		fmt.Fprintf(stdout, "built %d pages into %s in %.0f ms (%d sources read, %d files written, %d unchanged, %d pages not laid out again, %d converted)\n",
			res.Pages, cfg.Out, res.Took.Seconds()*1000, res.Read, res.Written, res.Reused, res.Kept, res.Converted)
	} else {
		problems := "no problems"
		if n := len(res.Warnings); n > 0 {
			problems = fmt.Sprintf("no errors, %d warning%s", n, map[bool]string{true: "s"}[n > 1])
		}
		fmt.Fprintf(stdout, "checked %s: %d pages, %s (%.0f ms)\n", cfg.Content, res.Pages, problems, res.Took.Seconds()*1000)
	}
	return 0
}

// report prints a build error: every content error on its own line, sorted.
func report(err error, stderr io.Writer) int {
	var list diag.List
	if errors.As(err, &list) {
		colour := useColour(stderr)
		for _, e := range list {
			printProblem(stderr, e, false, colour)
		}
		s := "s"
		if len(list) == 1 {
			s = ""
		}
		fmt.Fprintf(stderr, "%d problem%s found; nothing was written\n", len(list), s)
		return exitContent
	}
	return failure("", err, stderr)
}

// failure prints an error that is not the content's, in one line, and
// returns exitFailure. A full disk is said once, however many files it
// stopped.
func failure(what string, err error, stderr io.Writer) int {
	prefix := "handbook: "
	if what != "" {
		prefix += what + ": "
	}
	if errors.Is(err, syscall.ENOSPC) {
		fmt.Fprintln(stderr, prefix+"the disk is full; the previous output was left as it was (free some space and build again)")
		return exitFailure
	}
	fmt.Fprintln(stderr, prefix+strings.ReplaceAll(err.Error(), "\n", "; "))
	return exitFailure
}

func newPage(args []string, stdout, stderr io.Writer) int {
	f := flags("new", "new [-q] [-content DIR] SECTION ID\n\nSECTION is one of exercise, condition, faq, guide, program, page.", stderr)
	contentDir := f.String("content", "content", "the content `folder`")
	quiet := quietFlag(f)
	if code, ok := parse(f, args, stdout); !ok {
		return code
	}
	if *quiet {
		stdout = io.Discard // all that goes there is news of success
	}
	if f.NArg() != 2 {
		f.Usage()
		return 2
	}
	rel, text, err := schema.Skeleton(f.Arg(0), f.Arg(1))
	if err != nil {
		fmt.Fprintln(stderr, "handbook new:", err)
		return 2
	}
	dst := filepath.Join(*contentDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		fmt.Fprintln(stderr, "handbook new:", err)
		return 1
	}
	file, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "handbook new: %s already exists; nothing was written\n", dst)
		return 1
	}
	if err == nil {
		_, err = file.Write(text)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "handbook new:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: fill in every TODO, then run handbook check\n", dst)
	return 0
}

// Set by the Makefile with -ldflags "-X main.stamp=...", for binaries
// built where Go could not stamp the commit itself (no .git folder, or
// GOFLAGS=-buildvcs=false): the commit, its date and "+dirty" when the tree
// had changes, as "COMMIT DATE[+dirty]". A release sets main.release.
var stamp, release string

// version says which handbook this is: the module version (a release, or
// Go's pseudo-version from the commit), the commit, its date, and the Go
// that built it, e.g. "v0.0.0-20261122034517-994eae127c4f+dirty (commit
// 994eae127c4f, 2026-11-22, with local changes; go1.26.8)".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = &debug.BuildInfo{}
	}
	v := info.Main.Version
	if release != "" {
		v = release
	} else if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, date string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			date, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" && stamp != "" {
		f := strings.Fields(stamp)
		rev = f[0]
		if len(f) > 1 {
			date, dirty = strings.CutSuffix(f[1], "+dirty")
		}
	}
	if rev == "" {
		return fmt.Sprintf("%s (commit unknown; %s)", v, info.GoVersion)
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if date != "" {
		rev += ", " + date
	}
	if dirty {
		rev += ", with local changes"
	}
	return fmt.Sprintf("%s (commit %s; %s)", v, rev, info.GoVersion)
}
