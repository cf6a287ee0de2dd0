package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbook"
	"handbook/generator/server"
	"handbook/generator/site"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		code int
		out  string // part of stdout or stderr
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "-h"}, 0, "-base-url"},
		{[]string{"check", "-h"}, 0, "-content"},
		{[]string{"new", "-h"}, 0, "SECTION ID"},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"check", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"new", "exercise"}, 2, "Usage"},
		{[]string{"new", "exercize", "x"}, 2, `unknown section "exercize"`},
		{[]string{"version"}, 0, "handbook"},
		{[]string{"check", "-content", "/nonexistent/folder"}, 3, "no such file"},
		{[]string{"build", "-out", ""}, 2, "-out must name a folder"},
		{[]string{"build", "-out", "  "}, 2, "-out must name a folder"},
		{[]string{"build", "-base-url", "javascript:alert(1)//"}, 2, "-base-url must start with http:// or https://"},
	}
	for _, c := range cases {
		code, o, e := runCmd(c.args...)
		if code != c.code || !strings.Contains(o+e, c.out) {
			t.Errorf("handbook %v: exit %d, output %q; want exit %d with %q", c.args, code, o+e, c.code, c.out)
		}
	}
}

// The shipped handbook passes every check.
func TestShippedContentChecks(t *testing.T) {
	code, out, errOut := runCmd("check", "-content", "../../content")
	if code != 0 {
		t.Fatalf("handbook check on the shipped content: exit %d\n%s%s", code, out, errOut)
	}
}

// handbook new writes a page with every key; check then reports each
// placeholder with its position, and nothing else.
func TestNewThenCheck(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "handbook.yaml"), []byte("title: T\nlanguage: en\n"), 0o644)
	if code, _, e := runCmd("new", "-content", content, "exercise", "foo"); code != 0 {
		t.Fatalf("new: exit %d: %s", code, e)
	}
	if code, _, e := runCmd("new", "-content", content, "exercise", "foo"); code != 1 || !strings.Contains(e, "already exists") {
		t.Fatalf("new over an existing page: exit %d: %s", code, e)
	}
	code, _, e := runCmd("check", "-content", content)
	if code != 1 {
		t.Fatalf("check after new: exit %d, want 1", code)
	}
	p := filepath.Join(content, "exercises", "foo.md")
	want := []string{
		p + ":3:8: title is still a placeholder (replace TODO with real content)",
		p + ":5:10: summary is still a placeholder (replace TODO with real content)",
		p + ":7:11: category is still a placeholder (replace TODO with real content)",
		p + ":9:11: position is still a placeholder (replace TODO with real content)",
		p + ":11:13: equipment is still a placeholder (replace TODO with real content)",
		p + ":13:8: level is still a placeholder (replace TODO with real content)",
		p + ":15:11: targets item is still a placeholder (replace TODO with real content)",
		p + ":19:9: sets is still a placeholder (replace TODO with real content)",
		p + ":20:9: reps is still a placeholder (replace TODO with real content)",
		p + ":21:14: frequency is still a placeholder (replace TODO with real content)",
		p + ":24:5: cues item is still a placeholder (replace TODO with real content)",
		p + ":27:5: mistakes item is still a placeholder (replace TODO with real content)",
		p + ":30:5: stop-if item is still a placeholder (replace TODO with real content)",
		p + ":40:9: loads is still a placeholder (replace TODO with real content)",
		p + ":47:1: placeholder text left in the page (replace it with the text of the page)",
		p + ":51:4: placeholder text left in the page (replace it with the text of the page)",
		p + ":55:1: placeholder text left in the page (replace it with the text of the page)",
		p + ":59:1: placeholder text left in the page (replace it with the text of the page)",
		"18 problems found; nothing was written",
	}
	if got := strings.TrimSpace(e); got != strings.Join(want, "\n") {
		t.Errorf("check after new:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// Killing a build at any moment never leaves a half-written output: the
// output is always either the old site or the new one, complete.
func TestKilledBuildNeverLeavesHalfOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "handbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "public")
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "-content", "../../content", "-out", out)
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	complete := listing(t, out)
	for i := 0; i < 24; i++ {
		// Change a file's bytes each round, so every build has work to do.
		os.WriteFile(filepath.Join(out, "index.html"), []byte("stale"), 0o644)
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// kill at moments spread over a whole build (about 400 ms), in a
		// scrambled order
		time.Sleep(time.Duration((i*7)%24*18) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := listing(t, out)
		if got != complete {
			t.Fatalf("after a kill at %d ms the output is not a complete site", (i*7)%24*18)
		}
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build after kills: %v\n%s", err, b)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(leftovers) > 0 {
		t.Errorf("a build after killed builds left staging folders: %v", leftovers)
	}
}

// listing is the sorted list of files in dir: enough to tell a complete
// site from a partial one.
func listing(t *testing.T, dir string) string {
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return nil
	})
	return strings.Join(names, "\n")
}

// The README's examples are real: its example exercise and decision tree,
// put into a copy of the shipped content, pass every check.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := func(start string) string {
		s := string(readme)
		i := strings.Index(s, start)
		if i < 0 {
			t.Fatalf("README has no block starting %q", start)
		}
		j := strings.Index(s[i:], "```")
		return s[i : i+j]
	}
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "exercises", "glute-bridge.md"), []byte(block("---\ntitle: Glute bridge")), 0o644)
	os.WriteFile(filepath.Join(dir, "decide.yaml"), []byte(block("start: emergency\nnodes:")), 0o644)
	os.WriteFile(filepath.Join(dir, "synonyms.yaml"), []byte(block("synonyms:\n  - [crunch")), 0o644)
	// a translation of what was replaced no longer matches its source
	os.Remove(filepath.Join(dir, "es", "exercises", "glute-bridge.md"))
	os.Remove(filepath.Join(dir, "es", "decide.yaml"))
	if code, out, e := runCmd("check", "-content", dir); code != 0 {
		t.Errorf("the README's examples fail the checks:\n%s%s", out, e)
	}
}

// Where Go could not stamp the commit, the Makefile's stamp names it; a
// release name wins over Go's version.
func TestVersion(t *testing.T) {
	defer func(s, r string) { stamp, release = s, r }(stamp, release)
	stamp, release = "0123456789abcdef0123 2026-11-29+dirty", "v1.2.0"
	v := version()
	if !strings.HasPrefix(v, "v1.2.0 (commit ") || !strings.Contains(v, "go1.") {
		t.Errorf("version() = %q", v)
	}
	// go test stamps no commit, so the Makefile's is used
	if !strings.Contains(v, "0123456789ab, 2026-11-29, with local changes") {
		t.Errorf("version() = %q, want the stamped commit", v)
	}
}

// A full disk stops every file still to write; it is said once, and the
// exit code tells it from a content mistake.
func TestFullDiskIsOneLine(t *testing.T) {
	var errs []error
	for i := 0; i < 50; i++ {
		errs = append(errs, &fs.PathError{Op: "write", Path: fmt.Sprintf("public/p%d.html", i), Err: syscall.ENOSPC})
	}
	var e strings.Builder
	if code := report(errors.Join(errs...), &e); code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if got := strings.Count(e.String(), "\n"); got != 1 || !strings.Contains(e.String(), "the disk is full") {
		t.Errorf("%d lines: %q", got, e.String())
	}
}

// Flags may come after the arguments, as with Hugo and Zola; after "--"
// everything is an argument.
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "handbook.yaml"), []byte("title: T\nlanguage: en\n"), 0o644)
	if code, _, e := runCmd("new", "guide", "warm-up", "-content", content); code != 0 {
		t.Fatalf("new with the flag last: exit %d: %s", code, e)
	}
	if _, err := os.Stat(filepath.Join(content, "guides", "warm-up.md")); err != nil {
		t.Errorf("new with the flag last wrote no page: %v", err)
	}
	if code, _, e := runCmd("new", "guide", "-content", content, "cool-down"); code != 0 {
		t.Fatalf("new with the flag between: exit %d: %s", code, e)
	}
	if code, _, e := runCmd("new", "-content", content, "--", "guide", "-dashed"); code == 0 || strings.Contains(e, "flag provided but not defined") {
		t.Errorf(`after "--", "-dashed" is an id, which new refuses as one: exit %d: %s`, code, e)
	}
	if code, _, e := runCmd("check", "extra", "-content", content); code != 2 || !strings.Contains(e, `unexpected argument "extra"`) {
		t.Errorf("check with an argument: exit %d: %s", code, e)
	}
}

func TestServeURL(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"127.0.0.1:1313", "http://127.0.0.1:1313/"},
		{"0.0.0.0:8080", "http://localhost:8080/"},
		{"[::]:1313", "http://localhost:1313/"},
		{"192.168.1.20:1313", "http://192.168.1.20:1313/"},
		{"[::1]:1313", "http://[::1]:1313/"},
	} {
		a, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := serveURL(a); got != c.want {
			t.Errorf("serveURL(%s) = %s, want %s", c.addr, got, c.want)
		}
	}
}

// goodContent writes the smallest content folder that checks, in dir.
func goodContent(t *testing.T, dir string) string {
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(content, "handbook.yaml"), []byte("title: T\nlanguage: en\n"), 0o644)
	return content
}

// brokenContent writes a content folder whose one guide has a YAML mistake,
// and returns the folder and the error line check prints for it.
func brokenContent(t *testing.T) (dir, problem string) {
	dir = goodContent(t, t.TempDir())
	os.MkdirAll(filepath.Join(dir, "guides"), 0o755)
	os.WriteFile(filepath.Join(dir, "guides", "g.md"), []byte("---\ntitle: G\n  summary: S\n---\n\nText.\n"), 0o644)
	pos := filepath.Join(dir, "guides", "g.md") + ":3:3"
	return dir, pos + ": invalid YAML: mapping values are not allowed in this context (indent this key like the keys above it)"
}

// noColourEnv clears what could turn colour on or off around a test.
func noColourEnv(t *testing.T) {
	for _, name := range []string{"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"} {
		t.Setenv(name, "")
	}
}

// -quiet and -q print nothing but problems.
func TestQuiet(t *testing.T) {
	noColourEnv(t)
	dir := t.TempDir()
	content := goodContent(t, dir)
	for _, args := range [][]string{
		{"check", "-content", content, "-q"},
		{"check", "--quiet", "-content", content},
		{"build", "-q", "-content", content, "-out", filepath.Join(dir, "public"), "-v", "-zip", filepath.Join(dir, "site.zip")},
		{"new", "-q", "-content", filepath.Join(dir, "other"), "guide", "cooling-down"},
	} {
		if code, o, e := runCmd(args...); code != 0 || o != "" || e != "" {
			t.Errorf("handbook %v: exit %d, stdout %q, stderr %q; want exit 0 and no output", args, code, o, e)
		}
	}
	if code, o, _ := runCmd("check", "-content", content); code != 0 || !strings.HasPrefix(o, "checked ") {
		t.Errorf("check without -q: exit %d, stdout %q; want the summary", code, o)
	}
	broken, problem := brokenContent(t)
	code, o, e := runCmd("check", "-q", "-content", broken)
	if want := problem + "\n1 problem found; nothing was written\n"; code != 1 || o != "" || e != want {
		t.Errorf("check -q on a mistake: exit %d, stdout %q, stderr %q; want exit 1 and stderr %q", code, o, e, want)
	}
}

// Positions are coloured only when asked: FORCE_COLOR colours a buffer,
// NO_COLOR wins over it, and a buffer is not a terminal.
func TestColour(t *testing.T) {
	content, problem := brokenContent(t)
	pos, rest, _ := strings.Cut(problem, ": ")
	plain := problem + "\n1 problem found; nothing was written\n"
	coloured := "\x1b[1;36m" + pos + "\x1b[0m: " + rest + "\n1 problem found; nothing was written\n"
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, plain},
		{map[string]string{"FORCE_COLOR": "1"}, coloured},
		{map[string]string{"CLICOLOR_FORCE": "1"}, coloured},
		{map[string]string{"FORCE_COLOR": "0"}, plain},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, plain},
		{map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "yes"}, plain},
	} {
		noColourEnv(t)
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		if _, _, e := runCmd("check", "-content", content); e != c.want {
			t.Errorf("with %v: stderr %q, want %q", c.env, e, c.want)
		}
	}
}

// serve's log: quiet drops the news of each rebuild and keeps problems;
// colour marks only the positions.
func TestServeLog(t *testing.T) {
	entries := []string{
		"10:04:05 first build: rebuilt in 12 ms: 7 pages, 30 files written, 0 unchanged\n",
		"10:04:09 guides/g.md: 2 problem(s), the last good site is still served (3 ms)\n" +
			"content/guides/g.md:3:3: invalid YAML: x: y (hint)\n" +
			"\"content/a\\nb.md\":1:1: empty file (hint)\n",
		"10:04:09 content/x.md:2:1: warning: no flags (add them)\n",
	}
	for _, c := range []struct {
		log  serveLog
		want string
	}{
		{serveLog{}, strings.Join(entries, "")},
		{serveLog{quiet: true}, entries[1] + entries[2]},
		{serveLog{quiet: true, colour: true}, "10:04:09 guides/g.md: 2 problem(s), the last good site is still served (3 ms)\n" +
			"\x1b[1;36mcontent/guides/g.md:3:3\x1b[0m: invalid YAML: x: y (hint)\n" +
			"\x1b[1;36m\"content/a\\nb.md\":1:1\x1b[0m: empty file (hint)\n" +
			entries[2]},
	} {
		var b bytes.Buffer
		c.log.w = &b
		for _, e := range entries {
			if n, err := c.log.Write([]byte(e)); n != len(e) || err != nil {
				t.Fatalf("Write: %d, %v", n, err)
			}
		}
		if b.String() != c.want {
			t.Errorf("quiet %t, colour %t:\n%q\nwant:\n%q", c.log.quiet, c.log.colour, b.String(), c.want)
		}
	}
}

// Every command and the top level answer -h, -help and --help with their
// usage on stdout and exit 0.
func TestHelp(t *testing.T) {
	for _, cmd := range []string{"build", "check", "serve", "new", "version"} {
		for _, h := range []string{"-h", "-help", "--help"} {
			code, o, e := runCmd(cmd, h)
			if code != 0 || !strings.HasPrefix(o, "Usage: handbook "+cmd) || e != "" {
				t.Errorf("handbook %s %s: exit %d, stdout %q, stderr %q", cmd, h, code, o, e)
			}
		}
		if code, o, _ := runCmd("help", cmd); code != 0 || !strings.HasPrefix(o, "Usage: handbook "+cmd) {
			t.Errorf("handbook help %s: exit %d, stdout %q", cmd, code, o)
		}
	}
	for _, h := range []string{"-h", "-help", "--help", "help"} {
		if code, o, _ := runCmd(h); code != 0 || !strings.Contains(o, "handbook build") || !strings.Contains(o, "--quiet") {
			t.Errorf("handbook %s: exit %d, stdout %q", h, code, o)
		}
	}
	if code, o, e := runCmd("check", "-content", "x", "--", "-h"); code != 2 || o != "" || !strings.Contains(e, `unexpected argument "-h"`) {
		t.Errorf(`after "--", -h is an argument: exit %d, stdout %q, stderr %q`, code, o, e)
	}
}

// The server's own log, through serveLog: quiet, a good first build says
// nothing and a bad one says its problems.
func TestQuietServe(t *testing.T) {
	broken, problem := brokenContent(t)
	good := goodContent(t, t.TempDir())
	for _, c := range []struct{ content, want string }{{good, ""}, {broken, problem}} {
		var b bytes.Buffer
		srv, err := server.New(server.Config{
			Site: site.Config{Content: c.content, Layouts: handbook.Layouts(), Assets: handbook.Assets()},
			Log:  serveLog{w: &b, quiet: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		srv.Close()
		// a bad build logs a line of news, then the problems
		if got := b.String(); c.want == "" && got != "" || c.want != "" && !strings.HasSuffix(got, " ms)\n"+c.want+"\n") {
			t.Errorf("quiet serve of %s logged %q, want %q", c.content, got, c.want)
		}
	}
}
