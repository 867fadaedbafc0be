#ifndef SIBYL_CRE2SHIM_H
#define SIBYL_CRE2SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled RE2 regular expression (an `re2::RE2`), opaque to C and Swift.
typedef struct SibylRE2 SibylRE2;

/// Compiles `pattern` (`length` bytes of UTF-8) with RE2's Perl-like syntax, `.` not matching `\n` unless `(?s)`,
/// and a bounded memory budget. Returns NULL when it does not compile; then `*error` (if `error` is not NULL) is a
/// message to free with `sibyl_re2_free_error`.
SibylRE2 *sibyl_re2_new(const char *pattern, size_t length, char **error);

/// Whether the expression matches somewhere in `text` (`length` bytes of UTF-8), as Go's `MatchString` decides:
/// the caller anchors the pattern itself. Linear in `length`; safe to call from several threads at once.
int sibyl_re2_partial_match(const SibylRE2 *re, const char *text, size_t length);

/// Frees an expression from `sibyl_re2_new` (NULL is ignored).
void sibyl_re2_free(SibylRE2 *re);

/// Frees an error message from `sibyl_re2_new`.
void sibyl_re2_free_error(char *error);

#ifdef __cplusplus
}
#endif

#endif
