// The declaration in include/CLibFuzzer.h is all this target holds; the
// driver itself comes from compiler-rt's libFuzzer.
#include "CLibFuzzer.h"
