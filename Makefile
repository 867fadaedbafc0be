# The README's two commands. Both install what is missing first (Debian, as root or with sudo).
.PHONY: run test bench build generate-protobuf

run:
	scripts/run.sh

test:
	scripts/test.sh

bench:
	scripts/install-deps.sh
	swift build -c release --product sibyl
	.build/release/sibyl bench

build:
	swift build

generate-protobuf:
	scripts/generate-protobuf.sh
