# ironriver: see README.md.  The two commands a new user runs are
# `make map` and `make test`; both install missing Debian packages first.

VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := cairo pangocairo shapelib proj libpng zlib inih
CFLAGS   ?= -O2
# override: `make asan` sets CFLAGS on the command line, and keeps these.
override CFLAGS += -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE -DIR_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS   = $(PKG_LIBS) -lcsv -lm -lpthread

# Debian packages: build and run, then the test suite's needs.
DEB_PACKAGES := build-essential pkg-config libcairo2-dev libpango1.0-dev \
	libshp-dev libcsv-dev libproj-dev proj-bin proj-data libpng-dev zlib1g-dev \
	libinih-dev libcriterion-dev fonts-open-sans fonts-dejavu-core
TEST_PACKAGES := librsvg2-bin chromium poppler-utils

BUILD    := build
BIN      := ironriver
SRC      := $(wildcard src/*.c src/*/*.c)
HDR      := $(wildcard src/*.h src/*/*.h)
MAIN_SRC := $(filter %/main.c,$(SRC))
LIB_SRC  := $(filter-out %/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
MAIN_OBJ := $(MAIN_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/*.c tests/*/*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
INCLUDE  := -Isrc

# Figures are reproducible: dates embedded in PDFs come from the last
# commit unless the caller sets SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: all deps test-deps map verify test asan bench fuzz fuzz-build shapes install clean golden

all: $(BIN)

# Installs whatever is missing, and nothing when all is present.
# Installs the Debian packages of $(1) that are missing.
define install_missing
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

# What the test suite reads figures back with: librsvg's rsvg-convert and
# a headless Chromium (SVG and web figures against the PNG), poppler's
# pdftotext and pdffonts (a PDF's text and fonts).
test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))

$(BUILD)/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(INCLUDE) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c $(HDR) $(wildcard tests/*.h tests/*/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(INCLUDE) -Itests -c $< -o $@

# The list of objects, rewritten only when it changes: a source removed or
# moved rebuilds the archive, which would otherwise keep its old object.
.PHONY: FORCE
$(BUILD)/objects.list: FORCE
	@mkdir -p $(@D)
	@echo '$(LIB_OBJ)' | cmp -s - $@ || echo '$(LIB_OBJ)' > $@

$(BUILD)/libironriver.a: $(LIB_OBJ) $(BUILD)/objects.list
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN): $(MAIN_OBJ) $(BUILD)/libironriver.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The suite runs bench/gen-traces for its large inputs.
$(BUILD)/test-runner: $(TEST_OBJ) $(BUILD)/libironriver.a | bench/gen-traces
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcriterion

# The default figures: one spec file each in data/figures/, rendered into
# out/, then out/MANIFEST: the SHA-256 of every input (the binary, the
# shapes, the data, the specs) and of every output.
FIGURES := $(sort $(wildcard data/figures/*.ini))
# The README shows figure 1 from docs/, committed: verify checks it is
# the figure make map draws.
README_FIGURE := docs/figure-1.png
README_SOURCE := out/channels-2022-2023-en.png

map: deps
	$(MAKE) ironriver
	@mkdir -p out
	@# Stale figures of renamed specs would otherwise linger in MANIFEST.
	@find out -type f ! -name .gitkeep -delete
	@for f in $(FIGURES); do \
		echo "ironriver map -c $$f --out-dir out"; \
		./ironriver map --quiet -c $$f --out-dir out || exit 1; \
	done
	@$(MAKE) --no-print-directory out/MANIFEST
	@echo "out/: $$(grep -c '  out/' out/MANIFEST) figures and files, listed with their inputs in out/MANIFEST"

.PHONY: out/MANIFEST
out/MANIFEST:
	@{ echo "# ironriver $(VERSION): SHA-256 of the inputs and outputs of make map"; \
	   echo "# SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH)"; \
	   echo "# inputs"; \
	   sha256sum ironriver shapes/*.shp shapes/*.shx shapes/*.dbf shapes/*.prj shapes/*.cpg \
		data/*.csv $(FIGURES); \
	   echo "# outputs"; \
	   find out -type f ! -name 'MANIFEST*' ! -name .gitkeep | LC_ALL=C sort | xargs sha256sum; \
	 } > out/MANIFEST.tmp && mv out/MANIFEST.tmp out/MANIFEST

# Renders every figure again into a temporary folder and fails if any
# output differs from out/ (or from out/MANIFEST): the build is
# reproducible.  The README's committed figure must match too.
verify: map
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for f in $(FIGURES); do ./ironriver map --quiet -c $$f --out-dir "$$tmp" || exit 1; done && \
	bad=0 && for g in "$$tmp"/*; do \
		o=out/$$(basename "$$g"); \
		if ! cmp -s "$$g" "$$o"; then echo "verify: $$o differs on a second render"; bad=1; fi; \
	done && \
	sed -n '/^# outputs/,$$p' out/MANIFEST | grep -v '^#' | sha256sum --quiet -c - || bad=1; \
	if ! cmp -s $(README_FIGURE) $(README_SOURCE); then \
		echo "verify: $(README_FIGURE) is not the figure make map draws: cp $(README_SOURCE) $(README_FIGURE) and commit it"; bad=1; \
	fi; \
	if [ $$bad -ne 0 ]; then exit 1; fi; \
	echo "verify: $$(ls "$$tmp" | wc -l) outputs rendered twice, byte for byte the same"

# The flow map's scaling benchmark: N flows between jittered points.
bench/flowbench: bench/flowbench.c $(BUILD)/libironriver.a
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(INCLUDE) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The trace generator of bench/, also used by the tests for large inputs.
bench/gen-traces: bench/gen-traces.c
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

# The include check first: src/ keeps one folder per stage, data flowing
# one way (tests/check-includes.sh lists the stages).
test: test-deps
	sh tests/check-includes.sh
	$(MAKE) ironriver $(BUILD)/test-runner bench/gen-traces
	$(BUILD)/test-runner --jobs 2

# The same suite built with AddressSanitizer and UBSan, in its own tree.
asan: test-deps
	$(MAKE) BUILD=build-asan BIN=build-asan/ironriver \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" build-asan/ironriver build-asan/test-runner bench/gen-traces
	IRONRIVER_BIN=build-asan/ironriver ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp build-asan/test-runner --jobs 2

bench: deps
	$(MAKE) ironriver bench/flowbench
	bench/run

# libFuzzer harnesses (fuzz/, FUZZING.md), built with clang, ASan and
# UBSan in their own tree: each replays its regression corpus (every input
# that ever crashed it, fuzz/regress/NAME) and then fuzzes for
# FUZZ_SECONDS from its seeds (made from the project's own files), the
# minimized corpus of the long runs (fuzz/corpus/NAME, committed) and what
# earlier runs here found (build-fuzz/corpus/NAME).
# FUZZ_RUNS=N runs each for N executions instead (the long run of
# FUZZING.md).
FUZZ_SECONDS ?= 10
FUZZ_RUNS    ?=
FUZZ_LIMIT    = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZERS      := layer trace od spec tables
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
# pkg-config runs in the recipe's shell: on a fresh machine the packages
# it asks about are installed by this recipe's first line.
fuzz-build:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DEB_PACKAGES) $(FUZZ_PACKAGES)"
	$(MAKE) BUILD=build-fuzz CC=clang \
		CFLAGS="$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link" build-fuzz/libironriver.a
	clang -O1 -Wall -Wextra -o build-fuzz/seed_layer fuzz/seed_layer.c -lshp
	@for f in $(FUZZERS); do \
		echo "clang ... fuzz/fuzz_$$f.c -o build-fuzz/fuzz_$$f"; \
		clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -std=c11 -D_DEFAULT_SOURCE -Isrc -Ifuzz \
			$$(pkg-config --cflags $(PKGS)) fuzz/fuzz_$$f.c fuzz/fuzz.c build-fuzz/libironriver.a \
			$$(pkg-config --libs $(PKGS)) -lcsv -lm -lpthread -o build-fuzz/fuzz_$$f || exit 1; \
	done
	rm -rf build-fuzz/seeds && fuzz/seeds.sh build-fuzz/seeds

fuzz: fuzz-build
	@for f in $(FUZZERS); do \
		mkdir -p build-fuzz/corpus/$$f fuzz/regress/$$f; \
		if [ -n "$$(ls fuzz/regress/$$f)" ]; then \
			echo "fuzz $$f: replaying fuzz/regress/$$f"; \
			UBSAN_OPTIONS=print_stacktrace=1 build-fuzz/fuzz_$$f fuzz/regress/$$f/* \
				> build-fuzz/replay-$$f.log 2>&1 || { cat build-fuzz/replay-$$f.log; exit 1; }; \
		fi; \
		dict=; case $$f in trace|od|tables) dict=-dict=fuzz/csv.dict;; spec) dict=-dict=fuzz/ini.dict;; esac; \
		echo "fuzz $$f: $(if $(FUZZ_RUNS),$(FUZZ_RUNS) executions,$(FUZZ_SECONDS) s)"; \
		UBSAN_OPTIONS=print_stacktrace=1 build-fuzz/fuzz_$$f $(FUZZ_LIMIT) \
			-max_len=20000 -timeout=20 -rss_limit_mb=4096 $$dict -artifact_prefix=build-fuzz/crash-$$f- \
			build-fuzz/corpus/$$f build-fuzz/seeds/$$f $$([ -d fuzz/corpus/$$f ] && echo fuzz/corpus/$$f) \
			> build-fuzz/fuzz-$$f.log 2>&1 \
			|| { tail -60 build-fuzz/fuzz-$$f.log; exit 1; }; \
		grep -E '^#[0-9]+.*DONE|^Done' build-fuzz/fuzz-$$f.log | tail -1; \
	done

# Regenerates the committed shapefiles (see shapes/README.md); the tools it
# needs are installed here, not by `make deps`, since users never need them.
SHAPES_PACKAGES := gdal-bin gmt gmt-gshhg-low
shapes:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(SHAPES_PACKAGES)"
	shapes/regenerate.sh

install: ironriver
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ironriver/shapes \
		$(DESTDIR)$(PREFIX)/share/ironriver/data
	install -m 755 ironriver $(DESTDIR)$(PREFIX)/bin/ironriver
	install -m 644 shapes/*.shp shapes/*.shx shapes/*.dbf shapes/*.prj shapes/*.cpg \
		$(DESTDIR)$(PREFIX)/share/ironriver/shapes/
	install -m 644 data/*.csv $(DESTDIR)$(PREFIX)/share/ironriver/data/

clean:
	rm -rf $(BUILD) build-asan build-fuzz ironriver bench/gen-traces bench/flowbench bench/work

# Re-renders the golden image that tests/render/test_render.c compares against;
# look at it before committing it.
golden: ironriver
	./ironriver basemap --quiet --width 480 --height 360 --dpi 72 -o tests/golden/basemap-480x360.png
	./ironriver map tests/data/channels-2022-2023.csv --quiet --width 640 --height 480 --dpi 96 \
		--title "Five channels, 2022-2023" --source "Source: ATF (2025)." -o tests/golden/flowmap-640x480.png
