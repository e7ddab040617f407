#ifndef FILON_CZLIB_SHIM_H
#define FILON_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro over inflateInit2_; Swift cannot call macros.
static inline int filon_inflate_init_raw(z_streamp strm) {
    return inflateInit2(strm, -MAX_WBITS);
}
#endif
