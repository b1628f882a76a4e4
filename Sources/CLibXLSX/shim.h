#ifndef THIDUA_CLIBXLSX_SHIM_H
#define THIDUA_CLIBXLSX_SHIM_H
#include <xlsxwriter.h>
#endif
