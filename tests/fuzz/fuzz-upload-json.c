/*
 * Fuzzes the JSON upload reader (see fuzz-upload.h).
 */
#include "config.h"

#define READER	json
#include "fuzz-upload.h"
