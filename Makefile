# The two commands of the README: `make build` and `make test`.
GO ?= go
BIN := bin/handbook

.PHONY: build test check fuzz vet clean axe tools relevance bench dist figures

# BASE_URL (optional) is where the site is published, for canonical links,
# the sitemap and QR codes; the GitHub Pages workflow sets it.
build: $(BIN)
	./$(BIN) build $(if $(BASE_URL),-base-url $(BASE_URL))

$(BIN): FORCE
	$(GO) build -o $(BIN) ./cmd/handbook

check: $(BIN)
	./$(BIN) check

# Every test: unit, golden-site, fuzz seeds, content checks, browser tests
# (with the axe-core accessibility checks) and HTML validation, then the
# search relevance figures.
test: vet tools
	$(GO) test -count=1 ./...
	../shared/tools/seedcheck content
	@$(MAKE) --no-print-directory relevance

# The benchmark: build times against a goldmark baseline, stages, search,
# serve; see BENCHMARKS.md. Under ten minutes on a 2-core machine.
bench: $(BIN)
	$(GO) build -o bin/bench ./generator/bench
	bin/bench -handbook $(BIN)

# Every exercise's figure, as PNG pictures of the contact sheet
# (.cache/figures/sheet-1.png, ...), to look at after changing poses.
figures:
	mkdir -p .cache/figures
	FIGURES_PNG=$(CURDIR)/.cache/figures/sheet $(GO) test -count=1 -run 'TestBrowserContactSheet$$' ./generator/site
	@ls .cache/figures/sheet-*.png

# MRR and top-1/top-3 of the search relevance set, on the real engine.
relevance:
	@$(GO) test -count=1 -run 'TestRelevance$$' -v ./generator/search | grep -E '^(search relevance|--- FAIL|FAIL)' || true

# axe-core (accessibility) and vnu-jar (the W3C Nu HTML checker, run with
# Java) are test-time checkers, installed with npm into .cache/ (ignored by
# git, never part of the site). Without them the checks skip, except in CI,
# where they fail.
AXE_VERSION := 4.10.3
VNU_VERSION := 24.10.17
tools:
	@if [ -f .cache/node_modules/axe-core/axe.min.js ] && [ -f .cache/node_modules/vnu-jar/build/dist/vnu.jar ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --prefix .cache --no-audit --no-fund --silent axe-core@$(AXE_VERSION) vnu-jar@$(VNU_VERSION); \
	else echo "npm not found: accessibility and HTML checks will be skipped (apt-get install npm)"; fi
axe: tools

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

# Run each fuzz target for FUZZTIME (default 30s). A crash is saved under
# the package's testdata/fuzz and becomes a test case that make test runs.
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./generator/content -run '^$$' -fuzz FuzzSplit -fuzztime $(FUZZTIME)
	$(GO) test ./generator/schema -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render -run '^$$' -fuzz FuzzMarkdown -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render -run '^$$' -fuzz FuzzFrontMatter -fuzztime $(FUZZTIME)
	$(GO) test ./generator/search -run '^$$' -fuzz FuzzWords -fuzztime $(FUZZTIME)
	$(GO) test ./generator/decision -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME)
	$(GO) test ./generator/figure -run '^$$' -fuzz FuzzFigure -fuzztime $(FUZZTIME)

# The offline bundle: handbook-offline.zip, to unzip anywhere and open
# START-HERE.html from disk.
dist: $(BIN)
	./$(BIN) build -zip handbook-offline.zip $(if $(BASE_URL),-base-url $(BASE_URL))

clean:
	rm -rf bin public .cache handbook-offline.zip

FORCE:
