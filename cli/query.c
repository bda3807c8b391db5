/* PLACEHOLDER: `dkg query` is being written. */
#include "commands.h"
int dkg_cmd_query(int argc, char **argv)
{
	(void)argc; (void)argv;
	dkg_cli_errorf("query: not yet implemented");
	return DKG_EXIT_FAILED;
}
