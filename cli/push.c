/* PLACEHOLDER: `dkg push` is being written. */
#include "commands.h"
int dkg_cmd_push(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dkg_cli_errorf("push: not yet implemented");
	return DKG_EXIT_FAILED;
}
