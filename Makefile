# SAM build (template.yaml: Metadata BuildMethod makefile). `sam build` runs `make build-ReconcilerFunction` with
# ARTIFACTS_DIR set; this publishes the Native AOT executable as "bootstrap" and packages the policies beside it.
# The build machine needs the .NET 10 SDK and a C toolchain: .NET links with `clang` when it is on the PATH and
# otherwise falls back to `gcc` (plus binutils' objcopy), so a stock Debian 12 with gcc builds linux-x64 as is.
#
#   RID        runtime identifier; must match the template's Architecture parameter
#              (linux-arm64 for arm64, the default; linux-x64 for x86_64). Example: RID=linux-x64 sam build
#   AOT_FLAGS  extra publish properties, e.g. a toolchain: for linux-arm64 on an x64 Debian 12 machine,
#              AOT_FLAGS="-p:CppCompilerAndLinker=clang-14 -p:ObjCopyName=aarch64-linux-gnu-objcopy" with the cross
#              packages docs/lambda.md lists.

RID ?= linux-arm64
AOT_FLAGS ?=
PROJECT := src/Reconciler/Reconciler.csproj
PUBLISH_DIR := artifacts/publish/$(RID)

.PHONY: build-ReconcilerFunction publish

publish:
	dotnet publish $(PROJECT) -c Release -r $(RID) -p:PublishAot=true $(AOT_FLAGS) -o $(PUBLISH_DIR)

build-ReconcilerFunction: publish
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this target through 'sam build', or pass ARTIFACTS_DIR=<folder>." >&2; exit 1; }
	@test -d policies || { echo "No policies/ folder at the repository root: the function needs its policy YAML files beside the bootstrap." >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)"
	cp $(PUBLISH_DIR)/reconciler "$(ARTIFACTS_DIR)/bootstrap"
	chmod 755 "$(ARTIFACTS_DIR)/bootstrap"
	rm -rf "$(ARTIFACTS_DIR)/policies"
	cp -R policies "$(ARTIFACTS_DIR)/policies"
