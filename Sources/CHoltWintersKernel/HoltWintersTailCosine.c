// The C library's cosine for HoltWintersTailBound.swift (see CHoltWintersKernel.h).
#include "CHoltWintersKernel.h"

#include <math.h>

double sibyl_hw_cos(double x) { return cos(x); }
