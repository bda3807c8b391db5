/*
 * cunit_main.c - shared main() for the CUnit suites: each test_*.c defines
 * dkg_test_register() adding its suites; failures make the exit status 1.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "testutil.h"

int main(void)
{
	unsigned failed;
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (dkg_test_register() != 0) {
		fprintf(stderr, "%s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	failed += CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
