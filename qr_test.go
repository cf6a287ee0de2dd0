package handbook

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"rsc.io/qr"
)

// assets/qr.js draws exactly the modules rsc.io/qr draws (byte mode, level
// M, mask 0) for links of every length it accepts, versions 1 to 20.
func TestQRScriptMatchesGo(t *testing.T) {
	src, err := fs.ReadFile(Assets(), "qr.js")
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	if _, err := vm.RunScript("qr.js", string(src)); err != nil {
		t.Fatal(err)
	}
	encode, _ := goja.AssertFunction(vm.Get("HandbookQR").ToObject(vm).Get("encode"))
	seen := map[int]bool{}
	for n := 1; n <= 700; n += 7 {
		text := "https://example.org/handbook/handout.html#h=" + strings.Repeat("aZ9-_x", n)[:n] + "é"
		v, err := encode(goja.Undefined(), vm.ToValue(text))
		if err != nil {
			t.Fatal(err)
		}
		want, werr := qr.Encode(text, qr.M)
		if goja.IsNull(v) {
			if werr == nil && want.Size <= 97 {
				t.Errorf("%d bytes: qr.js gave up, rsc.io/qr makes a %d-module code", len(text), want.Size)
			}
			continue
		}
		var got [][]bool
		if err := vm.ExportTo(v, &got); err != nil {
			t.Fatal(err)
		}
		if werr != nil || want.Size != len(got) {
			t.Fatalf("%d bytes: qr.js size %d, rsc.io/qr size %d (%v)", len(text), len(got), want.Size, werr)
		}
		seen[(len(got)-17)/4] = true
		diff := 0
		for y := range got {
			for x := range got[y] {
				if got[y][x] != want.Black(x, y) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("%d bytes (version %d): %d modules differ", len(text), (len(got)-17)/4, diff)
		}
	}
	if len(seen) < 15 {
		t.Errorf("versions covered: %v", seen)
	}
	t.Logf("versions compared: %v", fmt.Sprint(len(seen)))
}
