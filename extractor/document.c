/*
 * document.c - the document record shared by ingest, extraction and output.
 */
#include "dkg/document.h"
#include "dkg/common.h"
#include "util.h"

#include <string.h>

dkg_document *dkg_document_new(void)
{
	return dkg_calloc(1, sizeof(dkg_document));
}

void dkg_document_free(dkg_document *doc)
{
	if (!doc)
		return;
	dkg_free(doc->id);
	dkg_free(doc->url);
	dkg_free(doc->title);
	dkg_free(doc->date);
	dkg_free(doc->lang);
	dkg_free(doc->publisher);
	dkg_free(doc->byline);
	dkg_free(doc->dateline);
	dkg_free(doc->format);
	dkg_free(doc->source);
	dkg_free(doc->text);
	dkg_free(doc);
}

int dkg_document_set(char **field, const char *value, size_t len)
{
	char *copy = NULL;
	if (value) {
		if (len == (size_t)-1)
			len = strlen(value);
		copy = dkg_strndup(value, len);
		if (!copy)
			return DKG_ENOMEM;
	}
	dkg_free(*field);
	*field = copy;
	return DKG_OK;
}
