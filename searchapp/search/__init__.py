"""searchapp's own search model, plain data that no engine defines: the query tree and its
parser, how text is analysed, the document's fields and the facet registry."""
