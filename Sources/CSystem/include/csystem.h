#ifndef THIDUA_CSYSTEM_H
#define THIDUA_CSYSTEM_H
/// Exchanges two paths atomically (renameat2 RENAME_EXCHANGE): replaces a run folder in one step.
/// Returns 0, or -1 with errno set.
int thidua_exchange_paths(const char *a, const char *b);
#endif
