# The two commands of the README: `make build` and `make test`.
GO ?= go
BIN := bin/handbook

.PHONY: build test check fuzz vet clean

build: $(BIN)
	./$(BIN) build

$(BIN): FORCE
	$(GO) build -o $(BIN) ./cmd/handbook

check: $(BIN)
	./$(BIN) check

# Every test: unit, golden-site, fuzz seeds, content checks and browser tests.
test: vet
	$(GO) test -count=1 ./...
	../shared/tools/seedcheck content

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

# Run each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./generator/content -run '^$$' -fuzz FuzzSplit -fuzztime $(FUZZTIME)
	$(GO) test ./generator/schema -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)

clean:
	rm -rf bin public

FORCE:
