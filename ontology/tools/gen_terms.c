/* PLACEHOLDER: replaced by the real generator (reads diplomacy.ttl with Raptor). */
#include <stdio.h>
int main(int argc, char **argv)
{
	FILE *out;
	if (argc != 3)
		return 2;
	out = fopen(argv[2], "w");
	if (!out)
		return 1;
	fprintf(out, "#include \"dkg/ontology.h\"\nconst dkg_cameo dkg_cameo_table[] = {{\"138\", \"Threaten with military force\", \"ThreatenMilitaryForce\", \"13\", \"THREATEN\", -7.0, 3}};\nconst size_t dkg_cameo_table_len = 1;\n");
	return fclose(out) ? 1 : 0;
}
