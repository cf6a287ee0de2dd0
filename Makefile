# The two commands of the README: `make build` and `make test`.
GO ?= go
BIN := bin/handbook

.PHONY: build test check fuzz vet clean axe tools relevance bench dist figures seedcheck not-run

# BASE_URL (optional) is where the site is published, for canonical links,
# the sitemap and QR codes; the GitHub Pages workflow sets it.
build: $(BIN)
	./$(BIN) build $(if $(BASE_URL),-base-url $(BASE_URL))

# `handbook version` names the commit: Go stamps it where it can
# (-buildvcs=auto), and the same facts go in by -ldflags for machines where
# it cannot (GOFLAGS=-buildvcs=false, or go older than the .git folder).
# RELEASE=v1.2.0 names a release.
STAMP := $(shell git log -1 --format='%H %cs' 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo +dirty)
LDFLAGS := -X 'main.stamp=$(STAMP)' $(if $(RELEASE),-X 'main.release=$(RELEASE)')
$(BIN): FORCE
	$(GO) build -buildvcs=auto -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/handbook

check: $(BIN)
	./$(BIN) check

# Every test: unit, golden-site, fuzz seeds, content checks, browser tests
# (with the axe-core accessibility checks) and HTML validation, then the
# check of the content against its source articles, then the search
# relevance figures. The browser tests of the site package take several
# minutes on two cores (much longer on a busy one: CI allows 90 minutes
# in all), so go test's 10-minute default is raised. What
# could not run on this machine is said at the end, one line each (in CI,
# CI=true, the tests themselves fail instead).
test: vet tools
	$(GO) test -count=1 -timeout 80m ./...
	@$(MAKE) --no-print-directory seedcheck relevance
	@$(MAKE) --no-print-directory not-run

# The handbook's text must be our own words: ../shared/tools/seedcheck lists
# any run of 8+ words shared with a source article. The articles live beside
# the repository, not in it; a clone without them skips the check, saying
# so (CI has them).
SEEDCHECK ?= ../shared/tools/seedcheck
seedcheck:
	@if [ -x "$(SEEDCHECK)" ]; then $(SEEDCHECK) content && echo "seedcheck: the content shares no 8-word run with a source article"; \
	else echo "seedcheck skipped: $(SEEDCHECK) not found (the source articles are not beside this clone)"; fi

# One line for each checker or browser this machine lacks.
not-run:
	@command -v chromium >/dev/null 2>&1 || echo "not run: browser tests (Chromium not found: apt-get install chromium)"
	@[ -f .cache/node_modules/axe-core/axe.min.js ] || echo "not run: accessibility checks (axe-core not found: make tools, which needs npm)"
	@[ -f .cache/node_modules/vnu-jar/build/dist/vnu.jar ] && command -v java >/dev/null 2>&1 || echo "not run: HTML validation (needs vnu-jar from make tools, and Java: apt-get install default-jre-headless)"

# The benchmark: build times against a goldmark baseline, stages, search,
# serve; see BENCHMARKS.md. Under ten minutes on a 2-core machine.
bench: $(BIN)
	$(GO) build -o bin/bench ./generator/bench
	bin/bench -handbook $(BIN)
	@echo; echo "## Worst-case markdown: build time per MB of one page (flat when linear)"; echo
	$(GO) test -run '^$$' -bench WorstCase -benchtime 1x ./generator/site | grep -E '^Benchmark' | awk '{print $$1, $$(NF-1), $$NF}'

# Every exercise's figure, as PNG pictures of the contact sheet
# (.cache/figures/sheet-1.png, ...), to look at after changing poses.
figures:
	mkdir -p .cache/figures
	FIGURES_PNG=$(CURDIR)/.cache/figures/sheet $(GO) test -count=1 -run 'TestBrowserContactSheet$$' ./generator/site
	@ls .cache/figures/sheet-*.png

# MRR and top-1/top-3 of the search relevance sets, on the real engine:
# the English edition's, then the Spanish edition's, reported apart.
relevance:
	@$(GO) test -count=1 -run 'TestRelevance$$|TestRedFlagPhrasings$$|TestSpanishRelevance$$|TestSpanishRedFlagPhrasings$$' -v ./generator/search | grep -E '^(search relevance|red flag phrasings|--- FAIL|FAIL)' || true

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

# gofmt, go vet, go.mod tidy, and actionlint on the GitHub workflows.
ACTIONLINT_VERSION := v1.7.12
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	@$(GO) mod tidy -diff || { echo "go.mod or go.sum is not tidy: run go mod tidy"; exit 1; }
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION) .github/workflows/*.yml

# Run each fuzz target for FUZZTIME (default 30s). A crash is saved under
# the package's testdata/fuzz and becomes a test case that make test runs.
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./generator/content -run '^$$' -fuzz FuzzSplit -fuzztime $(FUZZTIME)
	$(GO) test ./generator/schema -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render -run '^$$' -fuzz FuzzMarkdown -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render -run '^$$' -fuzz FuzzFrontMatter -fuzztime $(FUZZTIME)
	$(GO) test ./generator/search -run '^$$' -fuzz FuzzWords -fuzztime $(FUZZTIME)
	$(GO) test ./generator/search -run '^$$' -fuzz FuzzDecodePostings -fuzztime $(FUZZTIME)
	$(GO) test ./generator/search -run '^$$' -fuzz FuzzSplice -fuzztime $(FUZZTIME)
	$(GO) test ./generator/decision -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME)
	$(GO) test ./generator/figure/draw -run '^$$' -fuzz FuzzFigure -fuzztime $(FUZZTIME)
	$(GO) test ./generator/content -run '^$$' -fuzz FuzzSVG -fuzztime $(FUZZTIME)
	$(GO) test ./generator/content -run '^$$' -fuzz FuzzReadRecord -fuzztime $(FUZZTIME)
	$(GO) test ./generator/convert -run '^$$' -fuzz FuzzURLPolicy -fuzztime $(FUZZTIME)
	$(GO) test ./generator/convert -run '^$$' -fuzz FuzzRawHTML -fuzztime $(FUZZTIME)
	$(GO) test ./generator/convert -run '^$$' -fuzz FuzzDecodeConverted -fuzztime $(FUZZTIME)

# The offline bundle: handbook-offline.zip, to unzip anywhere and open
# START-HERE.html from disk.
dist: $(BIN)
	./$(BIN) build -zip handbook-offline.zip $(if $(BASE_URL),-base-url $(BASE_URL))

clean:
	rm -rf bin public .public.cache .public.keys .cache handbook-offline.zip

FORCE:
