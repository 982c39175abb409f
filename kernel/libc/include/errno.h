/* <errno.h> for code shared with the host tools: the kernel's numbers. */
#include "../../errno.h"
