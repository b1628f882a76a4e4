#ifndef THIDUA_CSYSTEM_H
#define THIDUA_CSYSTEM_H
/// Exchanges two paths atomically (renameat2 RENAME_EXCHANGE): replaces a run folder in one step.
/// Returns 0, or -1 with errno set.
int thidua_exchange_paths(const char *a, const char *b);
#endif
#ifndef THIDUA_CSYSTEM_SYNCFS
#define THIDUA_CSYSTEM_SYNCFS
/// Flushes the whole file system holding `path` (syncfs): one call makes every file of a staged
/// run durable before it is renamed into place. Returns 0, or -1 with errno set.
int thidua_sync_filesystem(const char *path);
#endif
