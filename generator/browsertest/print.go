package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Paper sizes in inches.
var (
	A4     = [2]float64{8.27, 11.69}
	Letter = [2]float64{8.5, 11}
)

// PrintPDF prints the current page on paper of the given size, as a
// clinic's browser would, and returns the PDF.
func PrintPDF(ctx context.Context, paper [2]float64) ([]byte, error) {
	var pdf []byte
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(paper[0]).WithPaperHeight(paper[1]).
			WithPreferCSSPageSize(false).WithPrintBackground(false).Do(ctx)
		return err
	}))
	return pdf, err
}

var pageObj = regexp.MustCompile(`/Type\s*/Page[^s]`)

// Pages counts the pages of a PDF.
func Pages(pdf []byte) int { return len(pageObj.FindAll(pdf, -1)) }

var baseFont = regexp.MustCompile(`/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9_.-]+)`)

// PDFFonts lists the fonts a PDF embeds, by PostScript name without the
// subset tag ("HandbookSerif-Bold"), once each, in order of first use.
func PDFFonts(pdf []byte) []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range baseFont.FindAllSubmatch(pdf, -1) {
		if n := string(m[1]); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names
}

// PrintFont is the PostScript name prefix of the typeface the site ships
// for print (assets/print-font.css): every printed text is set in it, on
// any machine, whatever fonts it has.
const PrintFont = "HandbookSerif-"

// ForeignFonts returns the fonts of a PDF that are not the shipped print
// typeface: a page printed on a machine without it, or text that escaped
// it, shows here.
func ForeignFonts(pdf []byte) []string {
	var out []string
	for _, f := range PDFFonts(pdf) {
		if !strings.HasPrefix(f, PrintFont) {
			out = append(out, f)
		}
	}
	return out
}

// PDFText extracts the text of a PDF with pdftotext (poppler-utils).
func PDFText(pdf []byte) (string, error) {
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	return string(out), err
}

// PDFLacks returns the phrases of want that the PDF's text does not hold,
// spaces and line breaks counting as one space.
func PDFLacks(pdf []byte, want []string) ([]string, error) {
	text, err := PDFText(pdf)
	if err != nil {
		return nil, err
	}
	flat := strings.Join(strings.Fields(text), " ")
	var lacks []string
	for _, w := range want {
		if !strings.Contains(flat, w) {
			lacks = append(lacks, w)
		}
	}
	return lacks, nil
}

// PDFPictures draws each page of a PDF as a PNG picture at dpi dots per
// inch with pdftoppm (poppler-utils), in dir, and returns their paths.
func PDFPictures(pdf []byte, dpi int, dir string) ([]string, error) {
	in := filepath.Join(dir, "print.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		return nil, err
	}
	if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	return filepath.Glob(filepath.Join(dir, "page-*.png"))
}

// ReadQR reads the QR codes in a picture with zbarimg (zbar-tools) and
// returns their texts; none found is no error.
func ReadQR(png string) ([]string, error) {
	out, err := exec.Command("zbarimg", "--quiet", "--raw", "-Sqrcode.enable", png).Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 4 { // no code found
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("zbarimg: %v", err)
	}
	var codes []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			codes = append(codes, l)
		}
	}
	return codes, nil
}
