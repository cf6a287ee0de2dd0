package browsertest

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"

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

// PDFText extracts the text of a PDF with pdftotext (poppler-utils).
func PDFText(pdf []byte) (string, error) {
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	return string(out), err
}
