/*
 * dkg.h - umbrella header of libdkg: news text in, RDF knowledge graph of
 * diplomatic events out.
 *
 *   dkg_lexicon_new / dkg_lexicon_load_default     the dictionary
 *   dkg_ingest_path                                documents from files
 *   dkg_extractor_new / dkg_extract                events of a document
 *   dkg_writer_new / dkg_writer_document           RDF through Raptor2
 *   dkg_query_files                                SPARQL over the output
 */
#ifndef DKG_H
#define DKG_H

#include "dkg/common.h"
#include "dkg/document.h"
#include "dkg/ingest.h"
#include "dkg/lexicon.h"
#include "dkg/event.h"
#include "dkg/extract.h"
#include "dkg/ontology.h"
#include "dkg/graph.h"
#include "dkg/query.h"

#endif
