#ifndef SIBYL_CZLIB_SHIM_H
#define SIBYL_CZLIB_SHIM_H
#include <zlib.h>
#endif
