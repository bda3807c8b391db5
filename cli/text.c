/* PLACEHOLDER: `dkg text` is being written. */
#include "commands.h"
int dkg_cmd_text(int argc, char **argv)
{
	(void)argc; (void)argv;
	dkg_cli_errorf("text: not yet implemented");
	return DKG_EXIT_FAILED;
}
