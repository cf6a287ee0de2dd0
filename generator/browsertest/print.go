package browsertest

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
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
