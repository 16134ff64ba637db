/* SPDX-License-Identifier: BSD-2-Clause */
/* Version macros configure would generate; deps.mk checks they match the newlib-source tarball. */
#ifndef _NEWLIB_VERSION_H__
#define _NEWLIB_VERSION_H__ 1

#define _NEWLIB_VERSION	      "3.3.0"
#define __NEWLIB__	      3
#define __NEWLIB_MINOR__      3
#define __NEWLIB_PATCHLEVEL__ 0

#endif /* _NEWLIB_VERSION_H__ */
