"""pupa's Open Civic Data event schema, as pupa validates scraped events with it.

Copied from opencivicdata/pupa (commit 2f7847c), pupa/scrape/schemas/event.py and the parts of
pupa/scrape/schemas/common.py it uses; `validator()` reproduces pupa/scrape/base.py's
`BaseModel.validate`: jsonschema's Draft3Validator, with pupa's "date" and "datetime" types and
a FormatChecker. Changed only to fit this project's style (quotes, line length) and to drop
common.py's `contact_details`, which needs pupa's `opencivicdata` package and the event schema
does not use.

Copyright (c) 2015-, Open Civic Data Contributors
Copyright (c) 2014, Sunlight Foundation
All rights reserved.

Redistribution and use in source and binary forms, with or without modification, are permitted
provided that the following conditions are met:

    * Redistributions of source code must retain the above copyright notice, this list of
      conditions and the following disclaimer.
    * Redistributions in binary form must reproduce the above copyright notice, this list of
      conditions and the following disclaimer in the documentation and/or other materials
      provided with the distribution.
    * Neither the name of Open Civic Data nor the names of its contributors may be used to
      endorse or promote products derived from this software without specific prior written
      permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
POSSIBILITY OF SUCH DAMAGE.
"""

import datetime

import jsonschema
from jsonschema import Draft3Validator, FormatChecker

# pupa/scrape/schemas/common.py ------------------------------------------------------------------

fuzzy_date_string = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"}
fuzzy_date_string_blank = {
    "type": "string",
    "pattern": "^([0-9]{4})?(-[0-9]{2}){0,2}$",
}
fuzzy_datetime_string_blank = {
    "type": "string",
    "pattern": (
        "^([0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T"
        "[0-9]{2}(:[0-9]{2}){0,2}"
        "(Z|[+-][0-9]{2}(:[0-9]{2})?))?)?$"
    ),
}
fuzzy_date = {"type": [fuzzy_date_string, "date"]}
fuzzy_date_blank = {"type": [fuzzy_date_string_blank, "date"]}
fuzzy_datetime = {"type": [fuzzy_datetime_string_blank, "datetime"]}
fuzzy_datetime_blank = {"type": [fuzzy_datetime_string_blank, "datetime"]}

links = {
    "items": {
        "properties": {
            "note": {"type": "string"},
            "url": {"format": "uri", "type": "string"},
        },
        "type": "object",
    },
    "type": "array",
}

sources = {
    "items": {
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "note": {"type": "string"},
        },
        "type": "object",
    },
    "minItems": 1,
    "type": "array",
}

extras = {
    "type": "object",
}

# pupa/scrape/schemas/event.py -------------------------------------------------------------------

media_schema = {
    "items": {
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "type": {"type": "string", "minLength": 1},
            "date": fuzzy_date_blank,
            "offset": {"type": ["number", "null"]},
            "links": {
                "items": {
                    "properties": {
                        "media_type": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    },
                    "type": "object",
                },
                "type": "array",
            },
        },
        "type": "object",
    },
    "type": "array",
}

schema = {
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "all_day": {"type": "boolean"},
        "start_date": fuzzy_datetime,
        "end_date": fuzzy_datetime_blank,
        "status": {
            "type": "string",
            "enum": ["cancelled", "tentative", "confirmed", "passed"],
        },
        "classification": {"type": "string", "minLength": 1},  # TODO: enum
        "description": {"type": "string"},
        "location": {
            "type": ["object", "null"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "note": {
                    "type": "string",
                },
                "url": {
                    "type": ["string", "null"],
                    "format": "uri",
                },
                "coordinates": {
                    "type": ["object", "null"],
                    "properties": {
                        "latitude": {
                            "type": "string",
                            "minLength": 1,
                        },
                        "longitude": {
                            "type": "string",
                            "minLength": 1,
                        },
                    },
                },
            },
        },
        "media": media_schema,
        "documents": {
            "items": {
                "properties": {
                    "note": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "minLength": 1},
                    "media_type": {"type": "string", "minLength": 1},
                    "date": fuzzy_date_blank,
                },
                "type": "object",
            },
            "type": "array",
        },
        "links": {
            "items": {
                "properties": {
                    "note": {
                        "type": "string",
                    },
                    "url": {"format": "uri", "type": "string"},
                },
                "type": "object",
            },
            "type": "array",
        },
        "participants": {
            "items": {
                "properties": {
                    "name": {
                        "type": "string",
                        "minLength": 1,
                    },
                    "type": {
                        "enum": ["organization", "person"],
                        "type": "string",
                    },
                    "note": {
                        "type": "string",
                        "minLength": 1,
                    },
                },
                "type": "object",
            },
            "type": "array",
        },
        "agenda": {
            "items": {
                "properties": {
                    "description": {"type": "string", "minLength": 1},
                    "classification": {
                        "items": {"type": "string", "minLength": 1},
                        "type": "array",
                    },
                    "order": {
                        "type": ["string", "null"],
                    },
                    "subjects": {
                        "items": {"type": "string", "minLength": 1},
                        "type": "array",
                    },
                    "media": media_schema,
                    "notes": {
                        "items": {
                            "type": "string",
                            "minLength": 1,
                        },
                        "type": "array",
                    },
                    "related_entities": {
                        "items": {
                            "properties": {
                                "entity_type": {
                                    "type": "string",
                                    "minLength": 1,
                                },
                                "name": {
                                    "type": "string",
                                    "minLength": 1,
                                },
                                "note": {
                                    "type": [
                                        "string",
                                        "null",
                                    ],
                                    "minLength": 1,
                                },
                            },
                            "type": "object",
                        },
                        "minItems": 0,
                        "type": "array",
                    },
                },
                "type": "object",
            },
            "minItems": 0,
            "type": "array",
        },
        "sources": sources,
        "extras": extras,
        "pupa_id": {
            "type": ["string", "null"],
            "minLength": 1,
        },
    },
    "type": "object",
}


# pupa/scrape/base.py, BaseModel.validate --------------------------------------------------------


def validator():
    type_checker = Draft3Validator.TYPE_CHECKER.redefine(
        "datetime", lambda c, d: isinstance(d, datetime.date | datetime.datetime)
    )
    type_checker = type_checker.redefine(
        "date",
        lambda c, d: isinstance(d, datetime.date) and not isinstance(d, datetime.datetime),
    )
    validator_class = jsonschema.validators.extend(Draft3Validator, type_checker=type_checker)
    return validator_class(schema, format_checker=FormatChecker())
