// Intentionally empty: the target exists for its header (include/CBattleLinux.h).
#include "CBattleLinux.h"
