package server

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook"
	"handbook/generator/site"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

const guide = "---\ntitle: Warming up\nsummary: Five easy minutes.\n---\n\n%s\n"

// start writes a small content tree, serves it and watches it. It returns
// the content folder, the server's URL and its events.
func start(t *testing.T) (dir string, url string, events <-chan event, srv *Server) {
	t.Helper()
	return startWith(t, fmt.Sprintf(guide, "First text."))
}

// startWith is start with the guide's file holding text.
func startWith(t *testing.T, text string) (dir string, url string, events <-chan event, srv *Server) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "content")
	os.MkdirAll(filepath.Join(dir, "guides"), 0o755)
	write(t, filepath.Join(dir, "handbook.yaml"), "title: Test\nlanguage: en\n")
	write(t, filepath.Join(dir, "guides", "warming-up.md"), text)
	srv, err := New(Config{
		Site:  site.Config{Content: dir, Layouts: handbook.Layouts(), Assets: handbook.Assets()},
		Watch: []string{dir},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Watch(ctx); close(done) }()
	// the test's first write must come after the watcher sees the folder:
	// on a busy machine the goroutine may start late, and a change made
	// before it watches is not seen
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		srv.mu.Lock()
		armed := !srv.watching.IsZero()
		srv.mu.Unlock()
		if armed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not start within 10 s")
		}
	}
	t.Cleanup(func() {
		cancel()
		<-done
		ts.CloseClientConnections()
		ts.Close()
		srv.Close()
		if _, err := os.Stat(srv.tmp); !os.IsNotExist(err) {
			t.Errorf("the temporary output %s is still there", srv.tmp)
		}
	})
	return dir, ts.URL, listen(t, ts.URL, ctx), srv
}

// listen reads the server's event stream as a page would, after its
// first event, hello.
func listen(t *testing.T, url string, ctx context.Context) <-chan event {
	t.Helper()
	out := stream(t, url, ctx)
	if ev := next(t, out); ev.name != "hello" && ev.name != "problems" {
		t.Fatalf("first event %v, want hello (or problems, after a broken first build)", ev)
	}
	return out
}

// stream opens the event stream and sends each event it reads.
func stream(t *testing.T, url string, ctx context.Context) <-chan event {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/__handbook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan event, 1000)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				out <- ev
				ev = event{}
			}
		}
	}()
	return out
}

func next(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
		return event{}
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEditReloads(t *testing.T) {
	dir, url, events, _ := start(t)
	page := url + "/guides/warming-up.html"
	if _, body := get(t, page); !strings.Contains(body, "First text.") || !strings.Contains(body, "/__handbook/reload.js") {
		t.Fatalf("first page: %.300s", body)
	}
	name := filepath.Join(dir, "guides", "warming-up.md")

	// write in place
	write(t, name, fmt.Sprintf(guide, "Second text."))
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after an edit: %v", ev)
	}
	if _, body := get(t, page); !strings.Contains(body, "Second text.") {
		t.Error("the page does not show the edit")
	}

	// a broken edit: the problems, with positions; the last good page stays
	write(t, name, "---\ntitle: Warming up\nsumary: oops\n---\n\nBroken text.\n")
	ev := next(t, events)
	want := filepath.ToSlash(name) + `:3:1: unknown key \"sumary\" in guide front matter (did you mean \"summary\"?)`
	if ev.name != "problems" || !strings.Contains(ev.data, want) {
		t.Fatalf("after a broken edit: %v\nwant problems with %s", ev, want)
	}
	if _, body := get(t, page); !strings.Contains(body, "Second text.") {
		t.Error("the last good page is not served during a build error")
	}
	// a page opened now learns of the problems at once
	if ev := nextOf(t, listenRaw(t, url)); ev.name != "problems" {
		t.Errorf("a page opened during the error first gets %v", ev)
	}

	// the fix clears it
	write(t, name, fmt.Sprintf(guide, "Fixed text."))
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after the fix: %v", ev)
	}

	// write a temporary file, then rename it over the page (vim, VS Code, JetBrains)
	write(t, name+".tmp", fmt.Sprintf(guide, "Renamed text."))
	if err := os.Rename(name+".tmp", name); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after a rename-over save: %v", ev)
	}
	if _, body := get(t, page); !strings.Contains(body, "Renamed text.") {
		t.Error("the page does not show the rename-over save")
	}

	// delete, then create again
	os.Remove(name)
	time.Sleep(2 * wait)
	write(t, name, fmt.Sprintf(guide, "Recreated text."))
	deadline := time.After(10 * time.Second)
	for {
		_, body := get(t, page)
		if strings.Contains(body, "Recreated text.") {
			break
		}
		select {
		case <-events:
		case <-deadline:
			t.Fatal("the recreated page is not served")
		}
	}
}

// listenRaw opens a second event stream, for a page opened later.
func listenRaw(t *testing.T, url string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return stream(t, url, ctx)
}

func nextOf(t *testing.T, c <-chan event) event { return next(t, c) }

// Folders created after the start are watched, and renamed folders too.
func TestNewAndRenamedFolders(t *testing.T) {
	dir, url, events, _ := start(t)
	pics := filepath.Join(dir, "pictures")
	os.MkdirAll(pics, 0o755)
	time.Sleep(2 * wait)
	write(t, filepath.Join(pics, "a.txt"), "one")
	waitFor(t, events, func() bool { code, body := get(t, url+"/pictures/a.txt"); return code == 200 && body == "one" })
	write(t, filepath.Join(pics, "a.txt"), "two") // a change inside the new folder
	waitFor(t, events, func() bool { _, body := get(t, url+"/pictures/a.txt"); return body == "two" })
	os.Rename(pics, filepath.Join(dir, "images"))
	waitFor(t, events, func() bool { code, _ := get(t, url+"/images/a.txt"); return code == 200 })
	if code, _ := get(t, url+"/pictures/a.txt"); code != 404 {
		t.Errorf("the renamed folder is still served at its old name (%d)", code)
	}
}

func waitFor(t *testing.T, events <-chan event, ok func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !ok() {
		select {
		case <-events:
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			t.Fatal("the change was not seen within 10 s")
		}
	}
}

// 200 saves in a burst (a git checkout) make a few rebuilds, and the site
// ends up matching the last of them.
func TestBurstOfEdits(t *testing.T) {
	dir, url, events, srv := start(t)
	name := filepath.Join(dir, "guides", "warming-up.md")
	srv.mu.Lock()
	before := srv.build
	srv.mu.Unlock()
	for i := 0; i < 200; i++ {
		write(t, name, fmt.Sprintf(guide, fmt.Sprintf("Edit %d.", i)))
	}
	waitFor(t, events, func() bool {
		_, body := get(t, url+"/guides/warming-up.html")
		return strings.Contains(body, "Edit 199.")
	})
	time.Sleep(3 * wait) // let any last batch finish
	srv.mu.Lock()
	builds := srv.build - before
	srv.mu.Unlock()
	if builds < 1 || builds > 20 {
		t.Errorf("200 edits made %d rebuilds; want between 1 and 20", builds)
	}
	t.Logf("200 edits in a burst: %d rebuilds", builds)
}

// Nothing outside the output folder can be read, however the path is written.
func TestPathEscapes(t *testing.T) {
	_, url, _, _ := start(t)
	host := strings.TrimPrefix(url, "http://")
	for _, p := range []string{
		"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/guides/..%2f..%2f..%2fetc%2fpasswd",
		"/..\\..\\etc\\passwd", "//etc/passwd", "/%2fetc%2fpasswd", "/guides/%00",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
		b, _ := io.ReadAll(conn)
		conn.Close()
		resp := string(b)
		if strings.Contains(resp, "root:") || strings.HasPrefix(resp, "HTTP/1.1 200") && !strings.Contains(resp, "<!doctype html>") {
			t.Errorf("%s: %.200s", p, resp)
		}
	}
}

// The content folder itself moved away and made again (a branch switch, a
// restore): serve keeps rebuilding from the new folder, and sees later
// saves in it.
func TestContentFolderReplaced(t *testing.T) {
	dir, url, events, _ := start(t)
	old := dir + ".old"
	if err := os.Rename(dir, old); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * wait)
	if err := os.CopyFS(dir, os.DirFS(old)); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "guides", "warming-up.md")
	write(t, name, fmt.Sprintf(guide, "From the new folder."))
	waitFor(t, events, func() bool {
		_, body := get(t, url+"/guides/warming-up.html")
		return strings.Contains(body, "From the new folder.")
	})
	time.Sleep(2 * wait)
	write(t, name, fmt.Sprintf(guide, "A later save."))
	waitFor(t, events, func() bool {
		_, body := get(t, url+"/guides/warming-up.html")
		return strings.Contains(body, "A later save.")
	})
}

// Bound to this computer, the server answers only to loopback names and
// origins: a page elsewhere that resolves its own name to 127.0.0.1 (DNS
// rebinding) cannot read the site or the problem list.
func TestHostAndOrigin(t *testing.T) {
	_, url, _, _ := start(t)
	port := url[strings.LastIndex(url, ":")+1:]
	cases := []struct {
		host, origin string
		code         int
	}{
		{"127.0.0.1:" + port, "", 200},
		{"localhost:" + port, "", 200},
		{"LOCALHOST:" + port, "", 200},
		{"[::1]:" + port, "", 200},
		{"localhost:" + port, "http://localhost:" + port, 200},
		{"localhost:" + port, "null", 200}, // a page opened from disk
		{"evil.example:" + port, "", 421},
		{"127.0.0.1.evil.example", "", 421},
		{"localhost:" + port, "http://evil.example", 403},
		{"localhost:" + port, "http://127.0.0.1.evil.example:" + port, 403},
	}
	for _, c := range cases {
		for _, p := range []string{"/index.html", "/__handbook/events"} {
			req, _ := http.NewRequest("GET", url+p, nil)
			req.Host = c.host
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			resp, err := http.DefaultClient.Do(req.WithContext(ctx))
			if err != nil {
				cancel()
				t.Fatal(err)
			}
			resp.Body.Close()
			cancel()
			if resp.StatusCode != c.code {
				t.Errorf("Host %s, Origin %q, %s: %d, want %d", c.host, c.origin, p, resp.StatusCode, c.code)
			}
		}
	}
}

// A symbolic link put into the output folder by hand leads nowhere.
func TestNoSymlinksOut(t *testing.T) {
	_, url, _, srv := start(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	if err := os.Symlink(secret, filepath.Join(srv.site, "leak.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(srv.site, "leakdir")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/leak.txt", "/leakdir/secret.txt"} {
		if code, body := get(t, url+p); strings.Contains(body, "secret") {
			t.Errorf("%s: %d %q", p, code, body)
		}
	}
}

// Live reload holds a connection per open page, up to MaxClients.
func TestLiveReloadBound(t *testing.T) {
	_, url, _, _ := start(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := 0
	for i := 0; i < MaxClients+5; i++ {
		req, _ := http.NewRequestWithContext(ctx, "GET", url+"/__handbook/events", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			break
		}
		open++
		defer resp.Body.Close()
	}
	if open != MaxClients-1 && open != MaxClients {
		t.Errorf("%d live-reload clients accepted, want at most %d", open, MaxClients)
	}
}

// Started on content with a mistake, serve answers every address with a
// page of the problems (never a bare 404), and the site once fixed.
func TestFirstBuildBroken(t *testing.T) {
	dir, url, events, _ := startWith(t, "---\ntitle: Warming up\n---\n")
	for _, p := range []string{"/", "/guides/warming-up.html", "/no-such-page.html", "/assets/style.css"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(b)
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(body, `missing required key &#34;summary&#34;`) || !strings.Contains(body, "/__handbook/reload.js") {
			t.Errorf("GET %s: %d %s\n%s", p, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
	write(t, filepath.Join(dir, "guides", "warming-up.md"), fmt.Sprintf(guide, "Fixed."))
	for ev := next(t, events); ev.name != "reload"; ev = next(t, events) {
	}
	if code, body := get(t, url+"/guides/warming-up.html"); code != 200 || !strings.Contains(body, "Fixed.") {
		t.Errorf("after the fix: %d\n%s", code, body)
	}
}

// A folder's address without its final slash is redirected to it, so that
// the index page's relative links resolve; the query is kept, and the
// redirect never leads off the server.
func TestFolderRedirect(t *testing.T) {
	_, url, _, _ := start(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct{ path, to string }{
		{"/guides", "/guides/"},
		{"/guides?q=1", "/guides/?q=1"},
	} {
		resp, err := client.Get(url + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != c.to {
			t.Errorf("GET %s: %d to %q, want 301 to %q", c.path, resp.StatusCode, resp.Header.Get("Location"), c.to)
		}
	}
	// the paths the standard library's mux cleans first end there too
	for _, p := range []string{"/guides/", "//guides", "/./guides", "/exercises/../guides"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Request.URL.Path != "/guides/" || !strings.Contains(string(b), "Warming up") {
			t.Errorf("GET %s: %d at %s", p, resp.StatusCode, resp.Request.URL.Path)
		}
	}
}

func TestIgnoredEditorFiles(t *testing.T) {
	for _, name := range []string{".plank.md.swp", "plank.md~", "#plank.md#", ".#plank.md", "plank.md.swx", "4913",
		"plank.md___jb_tmp___", "plank.md___jb_old___", "plank.md.kate-swp", "plank.md.crswap", "sedAb12Cd", "plank.md.orig", "plank.md.bak"} {
		if !ignored(filepath.Join("content", "exercises", name)) {
			t.Errorf("%s is not ignored", name)
		}
	}
	for _, name := range []string{"plank.md", "handbook.yaml", "sedentary.md", "logo.png", "tmp.md"} {
		if ignored(filepath.Join("content", name)) {
			t.Errorf("%s is ignored", name)
		}
	}
}
