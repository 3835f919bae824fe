/*
 * The processor's main loop: poll for queued batches and work through
 * them until stop is set.
 */
#ifndef AWARD_PROCESSOR_H
#define AWARD_PROCESSOR_H

#include <signal.h>

struct conf;

int	processor_run(const struct conf *, volatile sig_atomic_t *stop);

#endif
