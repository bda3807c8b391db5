/*
 * testutil.h - helpers shared by the CUnit suites.
 */
#ifndef DKG_TESTUTIL_H
#define DKG_TESTUTIL_H

#include <CUnit/CUnit.h>

/* Each suite file defines this and adds its suites and tests to the registry. */
int dkg_test_register(void);

/* Adds a suite with its tests; returns 0 or -1. Usage:
 *   static CU_TestInfo tests[] = {{"name", fn}, CU_TEST_INFO_NULL};
 *   return dkg_test_add_suite("suite", tests); */
static inline int dkg_test_add_suite(const char *name, CU_TestInfo *tests)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);
	if (!s)
		return -1;
	for (; tests->pName; tests++)
		if (!CU_add_test(s, tests->pName, tests->pTestFunc))
			return -1;
	return 0;
}

#endif
