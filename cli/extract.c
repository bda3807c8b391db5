/* PLACEHOLDER: `dkg extract` is being written. */
#include "commands.h"
int dkg_cmd_extract(int argc, char **argv)
{
	(void)argc; (void)argv;
	dkg_cli_errorf("extract: not yet implemented");
	return DKG_EXIT_FAILED;
}
