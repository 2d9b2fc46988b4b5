// The system zlib (Debian: zlib1g-dev), for the deflate step of
// HdrHistogram's compressed encoding. Swift calls compress2 and inflate.
#include <zlib.h>
