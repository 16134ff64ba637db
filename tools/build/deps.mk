# SPDX-License-Identifier: BSD-2-Clause
# The hypervisor's third-party libraries, built from Debian source packages with the kernel's flags.
#
#   newlib  the newlib-source package (/usr/src/newlib): a libc subset, compiled file by file
#   libfdt  lib/libfdt of the arm-trusted-firmware source package
#   mbedtls the mbedtls source package (2.28 LTS), configured by kernel/lib/mbedtls_config.h
#
# Nothing third-party lives in the repository. Source packages are fetched once into
# $(BUILD)/cache (kept by "make clean"), so rebuilding $(BUILD)/deps afterwards needs no network.
# Everything lands in $(BUILD)/deps: include/ (headers), lib/ (archives), src/ and obj/ (scratch).
#
# Exported to the kernel build:
#   DEPS_CPPFLAGS  freestanding include setup: gcc's own headers, newlib, libfdt, mbedtls
#   DEPS_LIBS      the archives in link order
#   DEPS_STAMP     exists once all of DEPS_LIBS and the headers are in place
#   deps           phony target building all of the above

DEPS_DIR    := $(BUILD)/deps
DEPS_CACHE  := $(BUILD)/cache
DEPS_SRC    := $(DEPS_DIR)/src
DEPS_OBJ    := $(DEPS_DIR)/obj
DEPS_INC    := $(DEPS_DIR)/include
DEPS_LIBDIR := $(DEPS_DIR)/lib
DEPS_STAMP  := $(DEPS_DIR)/deps.stamp

DEPS_LIBS := $(DEPS_LIBDIR)/libmbedcrypto.a $(DEPS_LIBDIR)/libfdt.a $(DEPS_LIBDIR)/libc.a

# gcc's freestanding headers (stddef.h, stdarg.h, limits.h, ...). Asked when first needed and then
# remembered, but only once gcc answers: setup-build may be what installs gcc.
DEPS_GCC_INC = $(or $(DEPS_GCC_INC_SEEN),$(eval DEPS_GCC_INC_SEEN := \
	$(shell $(KCC) -print-file-name=include 2>/dev/null))$(DEPS_GCC_INC_SEEN))

# newlib's headers before gcc's: newlib's <inttypes.h> relies on macros only newlib's <stdint.h>
# defines (gcc's freestanding <stdint.h> lacks them), and newlib's <limits.h> #include_next's gcc's.
# gcc supplies <stddef.h>, <stdarg.h>, <stdbool.h>, <stdnoreturn.h>, <float.h> and <stdatomic.h>.
DEPS_SYSINC = -nostdinc -isystem $(DEPS_INC) $(addprefix -isystem ,$(DEPS_GCC_INC))

DEPS_CPPFLAGS = $(DEPS_SYSINC) -Ikernel/lib -DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"'

# Third-party code keeps its own warning level; only the kernel's own sources use -Werror.
DEPS_CFLAGS = $(KERNEL_BASE_CFLAGS) $(DEPS_CPPFLAGS)

# A change to the shared flags or to this file rebuilds the libraries.
DEPS_MAKEFILES := tools/build/flags.mk tools/build/deps.mk

DEPS_Q   = $(if $(V),,@)
DEPS_MSG = $(if $(V),@true,@printf '  %-7s %s\n')

.PHONY: deps
deps: $(DEPS_STAMP)

$(DEPS_STAMP): $(DEPS_LIBS) | setup-build
	$(DEPS_Q)touch $@

# ---------------------------------------------------------------------------------------------
# Source packages

# One apt run fetches both Debian source packages, so two parallel jobs never fight over apt's lock.
DEPS_DEBIAN_PKGS := arm-trusted-firmware mbedtls

$(DEPS_DIR)/fetch.stamp: tools/build/fetch-sources.sh | setup-build
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)tools/build/fetch-sources.sh $(DEPS_CACHE) $(DEPS_DEBIAN_PKGS)
	$(DEPS_Q)touch $@

# dpkg-source applies Debian's patches and checks the tarballs against the .dsc; --no-copy keeps
# them out of $(DEPS_SRC). apt-get already checked the .dsc against the signed archive index; the
# uploader's own signature cannot be checked without debian-keyring (a warning in the .log).
$(DEPS_SRC)/%/extract.stamp: $(DEPS_DIR)/fetch.stamp | setup-build
	$(DEPS_MSG) EXTRACT $*
	$(DEPS_Q)rm -rf $(@D) $(@D).tmp
	$(DEPS_Q)mkdir -p $(DEPS_SRC)
	$(DEPS_Q)dsc=$$(ls $(DEPS_CACHE)/src/$*/*.dsc | sort -V | tail -n 1) && \
		dpkg-source --no-copy -x "$$dsc" $(@D).tmp >$(DEPS_SRC)/$*.log 2>&1 || \
		{ cat $(DEPS_SRC)/$*.log >&2; exit 1; }
	$(DEPS_Q)mv $(@D).tmp $(@D)
	$(DEPS_Q)touch $@

# ---------------------------------------------------------------------------------------------
# newlib: the subset the hypervisor uses, compiled directly from the sources (no autotools)

NEWLIB_VERSION     := 3.3.0
NEWLIB_TARBALL     := /usr/src/newlib/newlib-$(NEWLIB_VERSION).tar.xz
NEWLIB_DIR         := $(DEPS_SRC)/newlib
NEWLIB_LIBC        := $(NEWLIB_DIR)/newlib/libc
NEWLIB_CONFIG_HDRS := tools/build/newlib-config/newlib.h tools/build/newlib-config/_newlib_version.h

# Generic C only: libc/machine/x86_64/memcpy.S uses movnti and prefetchnta, which are SSE.
NEWLIB_SRCS := \
	$(addprefix string/, memccpy memchr memcmp memcpy memmem memmove mempcpy memrchr memset \
		rawmemchr stpcpy stpncpy strcasecmp strcasestr strcat strchr strchrnul strcmp \
		strcpy strcspn strdup strdup_r strlcat strlcpy strlen strncasecmp strncat strncmp \
		strncpy strndup strndup_r strnlen strnstr strpbrk strrchr strsep strspn strstr \
		strtok_r explicit_bzero bzero timingsafe_bcmp timingsafe_memcmp ffsl ffsll fls \
		flsl flsll) \
	$(addprefix ctype/, ctype_ isalnum isalpha isascii isblank iscntrl isdigit \
		islower isprint ispunct isspace isupper isxdigit toascii tolower toupper) \
	$(addprefix stdlib/, strtol strtoul strtoll strtoull atoi atol atoll abs labs llabs \
		div ldiv lldiv malloc calloc realloc malign) \
	$(addprefix search/, qsort bsearch) \
	$(addprefix stdio/, snprintf vsnprintf sprintf vsprintf nano-vfprintf_i)

# nano-mallocr.c holds every allocator entry point; newlib builds it once per DEFINE_*.
# DEFINE_CALLOC is left out: newlib 3.3's nano calloc does not check n * size for overflow, so
# kernel/lib/newlib_glue.c supplies _calloc_r.
NEWLIB_MALLOC_PARTS := MALLOC FREE REALLOC MALLOC_USABLE_SIZE MEMALIGN

NEWLIB_C_OBJS      := $(NEWLIB_SRCS:%=$(DEPS_OBJ)/newlib/%.o)
NEWLIB_MALLOC_OBJS := $(NEWLIB_MALLOC_PARTS:%=$(DEPS_OBJ)/newlib/stdlib/nano-mallocr-%.o)
# printf is newlib-nano's: the string-only core (what newlib calls nano-svfprintf.o) and
# nano-vfprintf_i.c. Neither the FILE core nor nano-vfprintf_float.c is built. nano knows only the
# h, l and L length modifiers (nano-vfprintf_local.h forces _NO_LONGLONG and drops C99 formats):
# %zu/%llu/%hhx/%jd/%td print garbage, which tests/static/check-printf-formats.sh guards against.
NEWLIB_SVF_OBJ     := $(DEPS_OBJ)/newlib/stdio/nano-svfprintf.o
NEWLIB_OBJS        := $(NEWLIB_C_OBJS) $(NEWLIB_MALLOC_OBJS) $(NEWLIB_SVF_OBJ)

# As newlib's own build: -fno-builtin, and no loop may be turned back into a mem*() call.
# NO_FLOATING_POINT (--disable-newlib-io-float): printf has no %f/%e/%g at all, not even code to
# skip a double argument, since doubles live in SSE registers.
# Sources reach private headers as <../ctype/local.h>, relative to libc/include; searching that
# directory last keeps its placeholder newlib.h behind ours.
NEWLIB_CFLAGS = $(DEPS_CFLAGS) -fno-builtin -fno-tree-loop-distribute-patterns -DNO_FLOATING_POINT \
	-idirafter $(NEWLIB_LIBC)/include

$(NEWLIB_DIR)/extract.stamp: tools/build/newlib-config/_newlib_version.h | setup-build
	$(DEPS_MSG) EXTRACT newlib-$(NEWLIB_VERSION)
	$(DEPS_Q)rm -rf $(@D) $(@D).tmp
	$(DEPS_Q)mkdir -p $(@D).tmp
	$(DEPS_Q)tar -xJf $(NEWLIB_TARBALL) -C $(@D).tmp --strip-components=1 \
		--wildcards '*/newlib/libc/*' '*/newlib/configure'
	$(DEPS_Q)grep -q "^PACKAGE_VERSION='$(NEWLIB_VERSION)'" $(@D).tmp/newlib/configure && \
		grep -q '_NEWLIB_VERSION[[:space:]]*"$(NEWLIB_VERSION)"' $< || \
		{ echo "newlib is not $(NEWLIB_VERSION), or $< is stale" >&2; exit 1; }
	$(DEPS_Q)mv $(@D).tmp $(@D)
	$(DEPS_Q)touch $@

# newlib's public headers, with our stand-ins for the two that configure would generate. Its
# <stdatomic.h> is FreeBSD's and would shadow the compiler's own, so it is left out.
$(DEPS_DIR)/newlib-headers.stamp: $(NEWLIB_DIR)/extract.stamp $(NEWLIB_CONFIG_HDRS) | setup-build
	$(DEPS_MSG) INSTALL "newlib headers"
	$(DEPS_Q)mkdir -p $(DEPS_INC)
	$(DEPS_Q)cp -R $(NEWLIB_LIBC)/include/. $(DEPS_INC)/
	$(DEPS_Q)rm -f $(DEPS_INC)/stdatomic.h
	$(DEPS_Q)cp $(NEWLIB_CONFIG_HDRS) $(DEPS_INC)/
	$(DEPS_Q)touch $@

NEWLIB_OBJ_PREREQS := $(DEPS_DIR)/newlib-headers.stamp $(DEPS_MAKEFILES)

$(NEWLIB_C_OBJS): $(DEPS_OBJ)/newlib/%.o: $(NEWLIB_OBJ_PREREQS) | setup-build
	$(DEPS_MSG) CC newlib/$*.o
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(NEWLIB_CFLAGS) -c $(NEWLIB_LIBC)/$*.c -o $@

$(NEWLIB_MALLOC_OBJS): $(DEPS_OBJ)/newlib/stdlib/nano-mallocr-%.o: $(NEWLIB_OBJ_PREREQS) \
		| setup-build
	$(DEPS_MSG) CC newlib/stdlib/nano-mallocr-$*.o
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(NEWLIB_CFLAGS) -DINTERNAL_NEWLIB -DDEFINE_$* \
		-c $(NEWLIB_LIBC)/stdlib/nano-mallocr.c -o $@

$(NEWLIB_SVF_OBJ): $(NEWLIB_OBJ_PREREQS) | setup-build
	$(DEPS_MSG) CC newlib/stdio/nano-svfprintf.o
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(NEWLIB_CFLAGS) -DSTRING_ONLY -c $(NEWLIB_LIBC)/stdio/nano-vfprintf.c -o $@

$(DEPS_LIBDIR)/libc.a: $(NEWLIB_OBJS) | setup-build
	$(DEPS_MSG) AR $@
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)rm -f $@ && $(AR) rcs $@ $^

# ---------------------------------------------------------------------------------------------
# libfdt, as carried by arm-trusted-firmware

LIBFDT_DIR  := $(DEPS_SRC)/arm-trusted-firmware
LIBFDT_SRCS := fdt fdt_addresses fdt_empty_tree fdt_overlay fdt_ro fdt_rw fdt_strerror fdt_sw \
	fdt_wip
LIBFDT_OBJS := $(LIBFDT_SRCS:%=$(DEPS_OBJ)/libfdt/%.o)
LIBFDT_HDRS := fdt.h libfdt.h libfdt_env.h

$(DEPS_DIR)/libfdt-headers.stamp: $(LIBFDT_DIR)/extract.stamp | setup-build
	$(DEPS_MSG) INSTALL "libfdt headers"
	$(DEPS_Q)mkdir -p $(DEPS_INC)
	$(DEPS_Q)cp $(addprefix $(LIBFDT_DIR)/include/lib/libfdt/,$(LIBFDT_HDRS)) $(DEPS_INC)/
	$(DEPS_Q)touch $@

$(LIBFDT_OBJS): $(DEPS_OBJ)/libfdt/%.o: $(DEPS_DIR)/libfdt-headers.stamp \
		$(DEPS_DIR)/newlib-headers.stamp $(DEPS_MAKEFILES) | setup-build
	$(DEPS_MSG) CC libfdt/$*.o
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(DEPS_CFLAGS) -c $(LIBFDT_DIR)/lib/libfdt/$*.c -o $@

$(DEPS_LIBDIR)/libfdt.a: $(LIBFDT_OBJS) | setup-build
	$(DEPS_MSG) AR $@
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)rm -f $@ && $(AR) rcs $@ $^

# ---------------------------------------------------------------------------------------------
# mbedtls crypto: only the modules kernel/lib/mbedtls_config.h enables. Enabling another module
# there means adding its library/*.c file here.

MBEDTLS_DIR    := $(DEPS_SRC)/mbedtls
MBEDTLS_CONFIG := kernel/lib/mbedtls_config.h
MBEDTLS_SRCS   := asn1parse asn1write bignum constant_time ecdsa ecp ecp_curves md \
	memory_buffer_alloc oid pk pk_wrap pkparse platform platform_util rsa rsa_internal \
	sha256 sha512
MBEDTLS_OBJS   := $(MBEDTLS_SRCS:%=$(DEPS_OBJ)/mbedtls/%.o)

# Debian may move bookworm to a new 2.28.x, but not to another branch: the config is 2.x-style.
$(DEPS_DIR)/mbedtls-headers.stamp: $(MBEDTLS_DIR)/extract.stamp | setup-build
	$(DEPS_MSG) INSTALL "mbedtls headers"
	$(DEPS_Q)grep -q '#define MBEDTLS_VERSION_STRING *"2\.28\.' \
		$(MBEDTLS_DIR)/include/mbedtls/version.h || \
		{ echo "mbedtls source package is not 2.28.x" >&2; exit 1; }
	$(DEPS_Q)mkdir -p $(DEPS_INC)
	$(DEPS_Q)cp -R $(MBEDTLS_DIR)/include/mbedtls $(MBEDTLS_DIR)/include/psa $(DEPS_INC)/
	$(DEPS_Q)touch $@

$(MBEDTLS_OBJS): $(DEPS_OBJ)/mbedtls/%.o: $(DEPS_DIR)/mbedtls-headers.stamp \
		$(DEPS_DIR)/newlib-headers.stamp $(MBEDTLS_CONFIG) $(DEPS_MAKEFILES) | setup-build
	$(DEPS_MSG) CC mbedtls/$*.o
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(DEPS_CFLAGS) -c $(MBEDTLS_DIR)/library/$*.c -o $@

$(DEPS_LIBDIR)/libmbedcrypto.a: $(MBEDTLS_OBJS) | setup-build
	$(DEPS_MSG) AR $@
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)rm -f $@ && $(AR) rcs $@ $^
