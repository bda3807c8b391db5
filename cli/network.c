/* PLACEHOLDER: `dkg network` is being written. */
#include "commands.h"
int dkg_cmd_network(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dkg_cli_errorf("network: not yet implemented");
	return DKG_EXIT_FAILED;
}
