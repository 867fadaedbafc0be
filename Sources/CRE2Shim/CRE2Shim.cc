#include "CRE2Shim.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <re2/re2.h>

namespace {
/// RE2's default budget, stated here so that a pattern's compiled size stays bounded whatever the library default.
constexpr int64_t kMaxMemory = 8 << 20;

char *copyMessage(const std::string &message) {
    char *copy = static_cast<char *>(std::malloc(message.size() + 1));
    if (copy != nullptr) {
        std::memcpy(copy, message.data(), message.size());
        copy[message.size()] = '\0';
    }
    return copy;
}
}  // namespace

struct SibylRE2 {
    re2::RE2 regex;
    SibylRE2(const re2::StringPiece &pattern, const re2::RE2::Options &options) : regex(pattern, options) {}
};

extern "C" SibylRE2 *sibyl_re2_new(const char *pattern, size_t length, char **error) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    options.set_never_capture(true);
    options.set_max_mem(kMaxMemory);
    SibylRE2 *re = new (std::nothrow) SibylRE2(re2::StringPiece(pattern, length), options);
    if (re == nullptr) {
        if (error != nullptr) {
            *error = copyMessage("out of memory");
        }
        return nullptr;
    }
    if (!re->regex.ok()) {
        if (error != nullptr) {
            *error = copyMessage(re->regex.error());
        }
        delete re;
        return nullptr;
    }
    return re;
}

extern "C" int sibyl_re2_partial_match(const SibylRE2 *re, const char *text, size_t length) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, length), re->regex) ? 1 : 0;
}

extern "C" void sibyl_re2_free(SibylRE2 *re) { delete re; }

extern "C" void sibyl_re2_free_error(char *error) { std::free(error); }
