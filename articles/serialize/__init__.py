"""Stories and their subjects as JSON data, for the content API and webhook payloads.

Plain dicts of JSON types, built from rows loaded by a named plan (`for_listing()`,
`for_detail()`) without a query of their own. The API's schemas (articles/api)
describe exactly these shapes.
"""
