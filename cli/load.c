/* PLACEHOLDER: `dkg load` is being written. */
#include "commands.h"
int dkg_cmd_load(int argc, char **argv)
{
	(void)argc; (void)argv;
	dkg_cli_errorf("load: not yet implemented");
	return DKG_EXIT_FAILED;
}
