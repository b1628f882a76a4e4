#ifndef THIDUA_CLIBPQ_SHIM_H
#define THIDUA_CLIBPQ_SHIM_H
#include <libpq-fe.h>
/* PG_DIAG_* are macros over characters; re-export them as constants Swift can see. */
static const int THIDUA_DIAG_SQLSTATE = 'C';
static const int THIDUA_DIAG_MESSAGE_PRIMARY = 'M';
static const int THIDUA_DIAG_MESSAGE_DETAIL = 'D';
static const int THIDUA_DIAG_MESSAGE_HINT = 'H';
static const int THIDUA_DIAG_SEVERITY = 'S';
#endif
