/*
 * Fuzzes the CSV upload reader (see fuzz-upload.h).
 */
#include "config.h"

#define READER	csv
#include "fuzz-upload.h"
