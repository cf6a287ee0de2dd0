// Package server is `handbook serve`: it builds the handbook into a
// temporary folder, serves that folder over HTTP, watches the content (and
// any layouts or assets folders given) and rebuilds on every change. Open
// pages reload through server-sent events, keeping their scroll position;
// a build error shows in the page as an overlay listing every problem,
// while the last good site stays served underneath; before any build has
// succeeded, every address answers with a page of the problems, which
// becomes the handbook once they are fixed.
//
// The reload script is added to HTML as it is served, so the output of
// `handbook build` never holds it. Only files inside the output folder are
// served.
package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"handbook/generator/diag"
	"handbook/generator/site"
)

// Config says what to serve.
type Config struct {
	Site  site.Config // Out is ignored: serve builds into a folder of its own
	Watch []string    // folders to watch: the content folder, and layouts or assets given on disk
	Log   io.Writer   // one line per rebuild
	// Public is set when the server listens beyond this computer (-addr
	// 0.0.0.0:1313): requests may then name any host. Otherwise only
	// loopback names are answered, so a web page elsewhere cannot reach the
	// server through a name that resolves to 127.0.0.1 (DNS rebinding).
	Public bool
}

// MaxClients bounds the pages open at once with live reload; each holds a
// connection and a goroutine.
const MaxClients = 64

// Server builds and serves a handbook.
type Server struct {
	cfg  Config
	tmp  string // removed by Close
	site string // the output folder, inside tmp

	mu       sync.Mutex
	problems []string // the last build's errors, "" when it succeeded
	warned   string   // the last build's warnings, one per line
	build    int      // how many builds succeeded
	clients  map[chan event]bool
	// watching is when the watcher began to see every change; started,
	// when the last build began. A build whose last began after watching
	// is given every change since (site.Config.Watched).
	watching, started time.Time
}

type event struct {
	name string // "reload" or "problems"
	data string
}

// New makes a server and runs the first build. A first build with content
// errors still starts the server, which shows the errors.
func New(cfg Config) (*Server, error) {
	tmp, err := os.MkdirTemp("", "handbook-serve-")
	if err != nil {
		return nil, err
	}
	if cfg.Site.Cache == nil {
		cfg.Site.Cache = site.NewCache() // pages not parsed again on every save
	}
	s := &Server{cfg: cfg, tmp: tmp, site: filepath.Join(tmp, "site"), clients: map[chan event]bool{}}
	if err := os.MkdirAll(s.site, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if _, err := s.rebuild(nil); err != nil && !isContentError(err) {
		os.RemoveAll(tmp)
		return nil, err
	}
	return s, nil
}

// Close removes the temporary output.
func (s *Server) Close() error { return os.RemoveAll(s.tmp) }

func isContentError(err error) bool {
	var list diag.List
	return errors.As(err, &list)
}

// rebuild builds into the served folder and tells every open page. It
// returns the build's result; on error the last good site stays. changed
// is the files changed since the last build, by path; nil for the first.
func (s *Server) rebuild(changed []string) (*site.Result, error) {
	cfg := s.cfg.Site
	cfg.Out = s.site
	cfg.Fast = true
	cfg.Changed = changed
	start := time.Now()
	s.mu.Lock()
	cfg.Watched = changed != nil && !s.watching.IsZero() && s.started.After(s.watching)
	s.started = start
	s.mu.Unlock()
	res, err := site.Build(cfg)
	took := time.Since(start)
	what := s.describe(changed)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		var lines []string
		var list diag.List
		if errors.As(err, &list) {
			for _, e := range list {
				lines = append(lines, e.Error())
			}
		} else {
			lines = []string{err.Error()}
		}
		s.problems = lines
		served := "the last good site is still served"
		if s.build == 0 {
			served = "nothing is built yet, so every page lists them until they are fixed"
		}
		s.logf("%s: %d problem(s), %s (%d ms)\n%s\n", what, len(lines), served, took.Milliseconds(), strings.Join(lines, "\n"))
		b, _ := json.Marshal(lines)
		s.broadcast(event{"problems", string(b)})
		return nil, err
	}
	s.problems = nil
	s.build++
	s.logf("%s: rebuilt in %d ms: %d pages, %d files written, %d unchanged\n", what, took.Milliseconds(), res.Pages, res.Written, res.Reused)
	var warned []string
	for _, w := range res.Warnings {
		warned = append(warned, w.Warning())
	}
	if all := strings.Join(warned, "\n"); all != s.warned {
		s.warned = all // said once, and again only when they change
		if all != "" {
			s.logf("%s\n", all)
		}
	}
	s.broadcast(event{"reload", fmt.Sprint(s.build)})
	return res, nil
}

// describe names the files changed for the terminal, relative to their
// watched folders.
func (s *Server) describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "first build"
	case 1:
		return s.rel(changed[0])
	}
	return fmt.Sprintf("%s and %d more", s.rel(changed[0]), len(changed)-1)
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log != nil {
		fmt.Fprintf(s.cfg.Log, time.Now().Format("15:04:05")+" "+format, args...)
	}
}

// broadcast sends ev to every open page. Callers hold s.mu.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a page that does not read is not waited for
		}
	}
}

// Handler serves the site, the reload script and the event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__handbook/events", s.events)
	mux.HandleFunc("/__handbook/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadScript)
	})
	mux.HandleFunc("/", s.file)
	if s.cfg.Public {
		return mux
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			http.Error(w, "this server answers only to localhost, 127.0.0.1 or [::1]", http.StatusMisdirectedRequest)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "null" {
			u, err := url.Parse(o)
			if err != nil || !loopbackHost(u.Host) {
				http.Error(w, "cross-origin requests are refused", http.StatusForbidden)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header (host or host:port) names
// this computer: localhost, or a loopback address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// events is the server-sent event stream of one open page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 16)
	s.mu.Lock()
	if len(s.clients) >= MaxClients {
		s.mu.Unlock()
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many pages open with live reload", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = true
	hello := event{"hello", fmt.Sprint(s.build)}
	if s.problems != nil {
		b, _ := json.Marshal(s.problems)
		hello = event{"problems", string(b)}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func(ev event) bool {
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		flusher.Flush()
		return err == nil
	}
	if !send(hello) {
		return
	}
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			if !send(ev) {
				return
			}
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// file serves a file of the output folder, adding the reload script to
// HTML. Paths are cleaned first: nothing outside the folder is reachable.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	var problems []string
	if s.build == 0 {
		problems = s.problems
	}
	s.mu.Unlock()
	if problems != nil {
		problemsPage(w, r, problems)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	full := filepath.Join(s.site, filepath.FromSlash(name))
	if !s.within(full) {
		http.NotFound(w, r)
		return
	}
	info, err := os.Stat(full)
	if err == nil && info.IsDir() {
		// a folder is its index page, at an address ending in "/", so
		// that the page's relative links resolve (the standard library's
		// file server redirects the same way); the address is rebuilt
		// from the clean path, never taken from the request
		if !strings.HasSuffix(r.URL.Path, "/") {
			to := "/" + name + "/"
			if name == "." {
				to = "/"
			}
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		full = filepath.Join(full, "index.html")
	}
	b, err := os.ReadFile(full)
	status := http.StatusOK
	if err != nil {
		status = http.StatusNotFound
		name = "404.html"
		if b, err = os.ReadFile(filepath.Join(s.site, "404.html")); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		b = inject(b)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	} else if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

// problemsPage answers every request while no build has succeeded: the
// problems, one per line, on a page that live reload turns into the
// handbook as soon as they are fixed.
func problemsPage(w http.ResponseWriter, r *http.Request, problems []string) {
	var b strings.Builder
	n := fmt.Sprintf("%d problems", len(problems))
	if len(problems) == 1 {
		n = "1 problem"
	}
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`)
	b.WriteString(`<title>` + n + ` in the content · handbook serve</title>`)
	b.WriteString(`<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#1b1b1b;color:#f3f3f3}main{max-width:60rem;margin:0 auto;padding:1.5rem}`)
	b.WriteString(`h1{font-size:1.4rem;color:#ffb4a8}li{font:14px/1.5 ui-monospace,monospace;margin:.4rem 0;overflow-wrap:anywhere}</style></head>`)
	b.WriteString(`<body><main id="handbook-no-site"><h1>` + n + ` in the content</h1>`)
	b.WriteString(`<p>The handbook could not be built yet. Fix each problem and save: this page turns into the handbook by itself.</p><ul>`)
	for _, p := range problems {
		b.WriteString("<li>" + html.EscapeString(p) + "</li>")
	}
	b.WriteString(`</ul></main><script src="/__handbook/reload.js"></script></body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method == http.MethodGet {
		io.WriteString(w, b.String())
	}
}

// within reports whether full, with every symbolic link on its way
// followed, is still inside the output folder. The build writes no links;
// one put there by hand must not lead out.
func (s *Server) within(full string) bool {
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return true // missing: the 404 page is served
	}
	root, err := filepath.EvalSymlinks(s.site)
	if err != nil {
		return false
	}
	r, err := filepath.Rel(root, real)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// cleanPath turns a URL path into a slash path inside the output folder,
// refusing any that would climb out of it.
func cleanPath(p string) (string, bool) {
	if strings.Contains(p, "\x00") || strings.Contains(p, "\\") {
		return "", false
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return "", false
		}
	}
	c := path.Clean("/" + p)
	c = strings.TrimPrefix(c, "/")
	if c == "" {
		c = "."
	}
	return c, true
}

var types = map[string]string{
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
	".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".json": "application/json",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".pdf": "application/pdf",
}

func contentType(name string) string { return types[strings.ToLower(path.Ext(name))] }

// inject adds the reload script before </body>, or at the end.
func inject(b []byte) []byte {
	tag := []byte(`<script src="/__handbook/reload.js"></script>`)
	if i := bytes.LastIndex(b, []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, b[:i]...), tag...), b[i:]...)
	}
	return append(b, tag...)
}
