package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"handbook"
	"handbook/generator/server"
	"handbook/generator/site"
)

func serve(args []string, stdout, stderr io.Writer) int {
	f := flags("serve", "serve [-q] [-addr 127.0.0.1:1313] [-content DIR] [-open] [-layouts DIR] [-assets DIR]", stderr)
	addr := f.String("addr", "127.0.0.1:1313", "the `address` to listen on; only this computer can reach 127.0.0.1")
	contentDir := f.String("content", "content", "the content `folder`")
	open := f.Bool("open", false, "open the handbook in the default browser")
	layouts := f.String("layouts", "", "use and watch the html/template layouts in `folder`")
	assets := f.String("assets", "", "use and watch the CSS, JS and icons in `folder`")
	quiet := quietFlag(f)
	if code, ok := parse(f, args, stdout); !ok {
		return code
	}
	if f.NArg() > 0 {
		fmt.Fprintf(stderr, "handbook serve: unexpected argument %q\n", f.Arg(0))
		return 2
	}
	if _, err := os.Stat(*contentDir); err != nil {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	cfg := server.Config{
		Site:  site.Config{Content: *contentDir, Layouts: handbook.Layouts(), Assets: handbook.Assets()},
		Watch: []string{*contentDir},
		Log:   serveLog{w: stdout, quiet: *quiet, colour: useColour(stdout)},
	}
	if *quiet {
		stdout = io.Discard
	}
	if *layouts != "" {
		cfg.Site.Layouts = os.DirFS(*layouts)
		cfg.Watch = append(cfg.Watch, *layouts)
	}
	if *assets != "" {
		cfg.Site.Assets = os.DirFS(*assets)
		cfg.Watch = append(cfg.Watch, *assets)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	cfg.Public = !net.ParseIP(host).IsLoopback()
	srv, err := server.New(cfg)
	if err != nil {
		ln.Close()
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	defer srv.Close()
	url := serveURL(ln.Addr())
	if cfg.Public {
		fmt.Fprintf(stdout, "serving %s at %s; press Ctrl-C to stop\n", *contentDir, url)
		fmt.Fprintf(stderr, "warning: %s can be reached from other computers on the network; use -addr 127.0.0.1:1313 to keep it to this one\n", *addr)
	} else {
		fmt.Fprintf(stdout, "serving %s at %s (only this computer can reach it); press Ctrl-C to stop\n", *contentDir, url)
	}
	if *open {
		openBrowser(url)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	httpSrv := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Watch(ctx)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		httpSrv.Shutdown(shut)
	}()
	if err := httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped; the temporary output is removed")
	return 0
}

// serveURL is the address to open for a listener: a listener on every
// address (0.0.0.0, ::) is opened on this computer as localhost.
func serveURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// openBrowser opens url in the default browser, if it can.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	cmd.Start()
}
