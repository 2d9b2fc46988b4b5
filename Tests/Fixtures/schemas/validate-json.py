"""Validates each document of a JSON array against a JSON Schema with
Python's jsonschema (Draft 2020-12) and prints a JSON array of booleans, one
per document: a second opinion on the tests' own validator.

    python validate-json.py SCHEMA DOCUMENTS
"""
import json
import sys

from jsonschema import Draft202012Validator

schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
print(json.dumps([validator.is_valid(d) for d in json.load(open(sys.argv[2]))]))
