#define _GNU_SOURCE
#ifndef __linux__
#error "thidua runs on Linux only: it needs renameat2(RENAME_EXCHANGE) and syncfs"
#endif
#include <fcntl.h>
#include <stdio.h>
#include "csystem.h"

int thidua_exchange_paths(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

#include <unistd.h>

int thidua_sync_filesystem(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = syncfs(fd);
    close(fd);
    return rc;
}
