#ifndef SIBYL_CRE2_SHIM_H
#define SIBYL_CRE2_SHIM_H
// RE2's API is C++: only CRE2Shim (C++) includes it; Swift calls CRE2Shim's C functions.
#if defined(__cplusplus)
#include <re2/re2.h>
#endif
#endif
