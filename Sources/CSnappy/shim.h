#ifndef SIBYL_CSNAPPY_SHIM_H
#define SIBYL_CSNAPPY_SHIM_H
#include <snappy-c.h>
#endif
