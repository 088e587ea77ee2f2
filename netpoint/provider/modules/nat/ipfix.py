"""IPFIX (RFC 7011) messages as a collector reads them: the message header, template and
options template sets (with withdrawals), and data records decoded by the template they name,
variable-length fields included.

Templates belong to an exporter and an observation domain; a data set whose template is not
known yet (it may come in a later message over UDP) is skipped. Over UDP a template lives
for `lifetime` seconds after the exporter last sent it (RFC 7011 section 8.4): an exporter
that restarted with other templates is not misread for long. Options templates are kept only
so that their data sets are recognised and skipped. Anything malformed raises
`MalformedMessage`; the caller drops the message and goes on.
"""

import struct
import time
from dataclasses import dataclass, field

VERSION = 10
HEADER = struct.Struct("!HHIII")
SET_HEADER = struct.Struct("!HH")
TEMPLATE_SET, OPTIONS_TEMPLATE_SET, FIRST_DATA_SET = 2, 3, 256
VARIABLE = 65535
ENTERPRISE_BIT = 0x8000
# A hostile exporter must not fill the memory with templates.
MAX_TEMPLATES_PER_DOMAIN = 1024
MAX_DOMAINS_PER_EXPORTER = 64
MAX_FIELDS_PER_TEMPLATE = 512
# RFC 7011 section 8.4 leaves the lifetime to the collector; exporters resend templates every
# few minutes, so half an hour outlasts several lost refreshes.
TEMPLATE_LIFETIME_SECONDS = 1800


class MalformedMessage(ValueError):
    pass


@dataclass(frozen=True)
class Field:
    element: int
    length: int
    enterprise: int = 0


@dataclass(frozen=True)
class Template:
    fields: tuple[Field, ...]
    options: bool = False
    learnt_at: float = 0.0

    @property
    def shortest(self) -> int:
        """The fewest bytes a record takes (a variable-length field at least its length byte):
        what is left in a set below this is padding."""
        return sum(1 if f.length == VARIABLE else f.length for f in self.fields) or 1


@dataclass
class Message:
    export_time: int
    sequence: int
    domain: int
    # Records of known (non-options) templates: {(enterprise, element): raw bytes}.
    records: list[dict] = field(default_factory=list)
    skipped_sets: int = 0


class Templates:
    """Every exporter's templates, by (exporter address, observation domain, template id)."""

    def __init__(self, lifetime: float = TEMPLATE_LIFETIME_SECONDS, clock=time.monotonic):
        self.domains: dict[tuple, dict[int, Template]] = {}
        self.lifetime = lifetime
        self.clock = clock

    def _domain(self, exporter: str, domain: int) -> dict[int, Template]:
        key = (exporter, domain)
        if key not in self.domains:
            if sum(1 for e, _d in self.domains if e == exporter) >= MAX_DOMAINS_PER_EXPORTER:
                raise MalformedMessage("too many observation domains")
            self.domains[key] = {}
        return self.domains[key]

    def read(self, exporter: str, data: bytes) -> Message:
        """One IPFIX message: templates learnt or withdrawn, data records decoded."""
        if len(data) < HEADER.size:
            raise MalformedMessage("shorter than a message header")
        version, length, export_time, sequence, domain = HEADER.unpack_from(data)
        if version != VERSION:
            raise MalformedMessage("not IPFIX")
        if length < HEADER.size or length > len(data):
            raise MalformedMessage("message length does not match")
        message = Message(export_time, sequence, domain)
        templates = self._domain(exporter, domain)
        now = self.clock()
        offset = HEADER.size
        while offset < length:
            if length - offset < SET_HEADER.size:
                raise MalformedMessage("truncated set header")
            set_id, set_length = SET_HEADER.unpack_from(data, offset)
            if set_length < SET_HEADER.size or offset + set_length > length:
                raise MalformedMessage("set length does not match")
            body = memoryview(data)[offset + SET_HEADER.size : offset + set_length]
            if set_id == TEMPLATE_SET:
                _read_templates(body, templates, False, now)
            elif set_id == OPTIONS_TEMPLATE_SET:
                _read_templates(body, templates, True, now)
            elif set_id >= FIRST_DATA_SET:
                template = templates.get(set_id)
                if template is not None and now - template.learnt_at > self.lifetime:
                    del templates[set_id]
                    template = None
                if template is None or template.options:
                    message.skipped_sets += 1
                else:
                    message.records.extend(_read_records(body, template))
            else:
                # Set IDs 0, 1 (NetFlow v9) and 4-255 are reserved: skipped.
                message.skipped_sets += 1
            offset += set_length
        return message


def _read_templates(body: memoryview, templates: dict, options: bool, now: float) -> None:
    offset, size = 0, len(body)
    # Four bytes or fewer at the end are padding (a template record has at least its header).
    while size - offset >= 4:
        template_id, count = struct.unpack_from("!HH", body, offset)
        offset += 4
        if count == 0:
            # A withdrawal (RFC 7011 section 8.1); the set's own ID withdraws them all.
            if template_id in (TEMPLATE_SET, OPTIONS_TEMPLATE_SET):
                for known in [k for k, t in templates.items() if t.options == options]:
                    del templates[known]
            elif template_id >= FIRST_DATA_SET:
                templates.pop(template_id, None)
            else:
                raise MalformedMessage("withdrawal of a reserved template id")
            continue
        if template_id < FIRST_DATA_SET:
            raise MalformedMessage("template id below 256")
        if count > MAX_FIELDS_PER_TEMPLATE:
            raise MalformedMessage("too many fields")
        if options:
            if size - offset < 2:
                raise MalformedMessage("truncated options template")
            (scope_count,) = struct.unpack_from("!H", body, offset)
            offset += 2
            if scope_count == 0 or scope_count > count:
                raise MalformedMessage("bad scope field count")
        fields = []
        for _ in range(count):
            if size - offset < 4:
                raise MalformedMessage("truncated field specifier")
            element, length = struct.unpack_from("!HH", body, offset)
            offset += 4
            enterprise = 0
            if element & ENTERPRISE_BIT:
                if size - offset < 4:
                    raise MalformedMessage("truncated enterprise number")
                (enterprise,) = struct.unpack_from("!I", body, offset)
                offset += 4
                element &= ~ENTERPRISE_BIT
            if length == 0:
                raise MalformedMessage("zero-length field")
            fields.append(Field(element, length, enterprise))
        if template_id not in templates and len(templates) >= MAX_TEMPLATES_PER_DOMAIN:
            raise MalformedMessage("too many templates")
        templates[template_id] = Template(tuple(fields), options, now)


def _read_records(body: memoryview, template: Template) -> list[dict]:
    records, offset, size = [], 0, len(body)
    shortest = template.shortest
    while size - offset >= shortest:
        record = {}
        for spec in template.fields:
            length = spec.length
            if length == VARIABLE:
                if offset >= size:
                    raise MalformedMessage("truncated variable-length field")
                length = body[offset]
                offset += 1
                if length == 255:
                    if size - offset < 2:
                        raise MalformedMessage("truncated variable-length field")
                    (length,) = struct.unpack_from("!H", body, offset)
                    offset += 2
            if size - offset < length:
                raise MalformedMessage("truncated record")
            record[(spec.enterprise, spec.element)] = bytes(body[offset : offset + length])
            offset += length
        records.append(record)
    return records


def unsigned(raw: bytes | None) -> int | None:
    """An unsigned integer in its full or reduced-size encoding (RFC 7011 section 6.2)."""
    if raw is None or not 1 <= len(raw) <= 8:
        return None
    return int.from_bytes(raw, "big")
