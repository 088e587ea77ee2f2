"""The audit log in words: each action's code (kept in the log, covered by its hashes) and
each detail's key said in Vietnamese, the details as "label: value" lines.

The codes are the log's, written by every app that records; a test reads the source for each
code an app records and fails on one without words here. A code recorded by something
this list does not know yet is shown as "Hành động khác", never as the code."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    # Logging in
    "login": _("Đăng nhập"),
    "login_failed": _("Đăng nhập sai"),
    "login_refused": _("Đăng nhập bị chặn (tạm khoá)"),
    "totp_enabled": _("Bật xác thực hai bước"),
    "totp_disabled": _("Tắt xác thực hai bước"),
    # Written requests, searches and exports
    "request_registered": _("Đăng ký văn bản yêu cầu"),
    "request_approved": _("Phê duyệt văn bản yêu cầu"),
    "request_rejected": _("Từ chối văn bản yêu cầu"),
    "scope_viewed": _("Xem các số trong phạm vi văn bản"),
    "scan_viewed": _("Mở bản quét văn bản"),
    "search": _("Tìm thông tin theo văn bản"),
    "search_refused": _("Lần tìm bị từ chối"),
    "export": _("Xuất dữ liệu theo văn bản"),
    "export_held": _("Xuất dữ liệu chờ phê duyệt thứ hai"),
    "export_approved": _("Duyệt xuất dữ liệu"),
    "second_approval_used": _("Dùng phê duyệt thứ hai"),
    # Registry, monitoring, reports
    "point_saved": _("Lưu điểm truy nhập"),
    "enrollment_code_issued": _("Cấp mã đăng ký điểm"),
    "enterprise_saved": _("Lưu doanh nghiệp"),
    "points_imported": _("Nhập điểm từ tệp"),
    "point_policy_changed": _("Sửa chính sách của điểm"),
    "province_rule_saved": _("Lưu quy định của tỉnh"),
    "household_request_recorded": _("Ghi yêu cầu theo Chỉ thị 66"),
    "violation_acknowledged": _("Tiếp nhận vi phạm"),
    "violation_resolved": _("Ghi đã xử lý vi phạm"),
    "report_generated": _("Lập báo cáo"),
    "report_downloaded": _("Tải báo cáo"),
    # Wi-Fi and NAT
    "wifi_sessions_viewed": _("Xem phiên Wi-Fi"),
    "wifi_gateway_events_viewed": _("Xem sự kiện cổng Wi-Fi"),
    "wifi_session_disconnect": _("Ngắt phiên Wi-Fi"),
    "nas_saved": _("Lưu bộ điều khiển truy nhập Wi-Fi"),
    "nat_device_saved": _("Lưu thiết bị NAT"),
    # Online games
    "game_saved": _("Lưu trò chơi"),
    "game_server_saved": _("Lưu máy chủ trò chơi"),
    "games_token_issued": _("Cấp mã truy cập trò chơi"),
    "games_token_revoked": _("Thu hồi mã truy cập trò chơi"),
    "games_account_viewed": _("Xem tài khoản người chơi"),
    "games_report_saved": _("Lưu báo cáo trò chơi"),
    "games_report_downloaded": _("Tải báo cáo trò chơi"),
    "games_retention": _("Xoá dữ liệu trò chơi hết hạn lưu"),
    # Anti-spam
    "antispam_customer_saved": _("Lưu khách hàng quảng cáo"),
    "antispam_token_issued": _("Cấp mã truy cập chống thư rác"),
    "antispam_token_revoked": _("Thu hồi mã truy cập chống thư rác"),
    "antispam_optout_entered": _("Nhập yêu cầu từ chối quảng cáo"),
    "antispam_dnc_import": _("Nhập danh sách không nhận cuộc gọi (DNC)"),
    "antispam_report_made": _("Lập báo cáo chống thư rác"),
    "antispam_records_sent": _("Gửi thông tin lưu giữ chống thư rác"),
    "antispam_figures_saved": _("Lưu số liệu chống thư rác"),
    "antispam_retention": _("Xoá dữ liệu chống thư rác hết hạn lưu"),
    # The point's own log
    "view_person": _("Xem thông tin người sử dụng"),
    "customer_updated": _("Sửa thông tin khách hàng"),
    "member_opened": _("Mở tài khoản hội viên"),
    "member_password_reset": _("Đặt lại mật khẩu hội viên"),
    "session_moved": _("Chuyển máy"),
    "zone_rate_changed": _("Sửa giá theo khung giờ"),
    "zone_rate_added": _("Thêm giá theo khung giờ"),
    "billing.float_changed": _("Sửa tiền đầu ca"),
    "billing.refund": _("Hoàn tiền"),
    "billing.balance_correction": _("Điều chỉnh số dư"),
}
OTHER_ACTION = _("Hành động khác")

FIELDS = {
    "from": _("Từ địa chỉ"),
    "step": _("Bước"),
    "reason": _("Lý do"),
    "kind": _("Tìm theo"),
    "results": _("Số kết quả"),
    "persons": _("Số người"),
    "format": _("Định dạng"),
    "fmt": _("Định dạng"),
    "use": _("Mục đích"),
    "id": _("Mã số"),
    "id_numbers": _("Số giấy tờ"),
    "phones": _("Số điện thoại"),
    "fields": _("Trường đã sửa"),
    "secret_changed": _("Đổi khoá bí mật"),
    "nas": _("Bộ điều khiển"),
    "answer": _("Kết quả"),
    "query": _("Bộ lọc"),
    "read": _("Số đã đọc"),
    "added": _("Số thêm mới"),
    "optouts": _("Yêu cầu từ chối"),
    "recipients": _("Người nhận"),
    "folded": _("Đã gộp"),
    "form": _("Mẫu báo cáo"),
    "due": _("Hạn nộp"),
    "service": _("Dịch vụ"),
    "start": _("Từ ngày"),
    "sessions": _("Phiên"),
    "play_days": _("Ngày chơi"),
    "accounts": _("Tài khoản"),
    "amount": _("Số tiền"),
    "entry": _("Bút toán"),
    "before": _("Trước"),
    "after": _("Sau"),
    "change": _("Thay đổi"),
    "to": _("Đến"),
    "starts_at": _("Khung giờ từ"),
    "old": _("Giá cũ"),
    "new": _("Giá mới"),
    "count": _("Số lượng"),
    "codes": _("Mã"),
    "asked_on": _("Ngày yêu cầu"),
}
OTHER_FIELD = _("Thông tin khác")

# Codes that stand as values in the details.
VALUES = {
    "code": _("mã xác thực"),
    "id_number": _("số CCCD"),
    "phone": _("số điện thoại"),
    "name": _("họ và tên"),
    "station": _("điểm và máy"),
    "ip": _("địa chỉ IP"),
    "ip_port": _("địa chỉ IP và cổng"),
    # The access records read beside a search (netpoint.provider.authority.access).
    "access_id_number": _("nhật ký truy cập theo số CCCD"),
    "access_phone": _("nhật ký truy cập theo số điện thoại"),
    "access_name": _("nhật ký truy cập theo họ và tên"),
    "access_station": _("nhật ký truy cập theo điểm và máy"),
    "access_ip": _("nhật ký truy cập theo địa chỉ IP"),
    "access_ip_port": _("nhật ký truy cập theo địa chỉ IP và cổng"),
    "any": _("bất kỳ"),
    "xlsx": _("Excel"),
    "docx": _("Word"),
    "export": _("xuất dữ liệu"),
    "second_approval_needed": _("cần cán bộ phê duyệt thứ hai"),
    "not_approved": _("văn bản chưa được phê duyệt"),
    "expired": _("văn bản đã hết hiệu lực"),
    "outside_time": _("ngoài thời gian của văn bản"),
    "person_not_in_scope": _("người ngoài phạm vi văn bản"),
    "point_not_in_scope": _("điểm ngoài phạm vi văn bản"),
    "not_your_organisation": _("văn bản của cơ quan khác"),
    "nothing_to_search": _("không có gì để tìm"),
    "bad_time": _("thời gian không hợp lệ"),
    "ack": _("thiết bị đã ngắt"),
    "nak": _("thiết bị từ chối"),
    "no_answer": _("thiết bị không trả lời"),
}
YES, NO = _("có"), _("không")


@dataclass(frozen=True)
class Line:
    label: str
    value: str


def action_words(code: str) -> str:
    return str(ACTIONS.get(code, OTHER_ACTION))


def _value(value) -> str:
    if isinstance(value, bool):
        return str(YES if value else NO)
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{line.label}: {line.value}" for line in detail_lines(value))
    if isinstance(value, str):
        return str(VALUES.get(value, FIELDS.get(value, value)))
    return str(value)


def detail_lines(detail) -> list[Line]:
    """The details as lines a person reads: a label per key, codes said in words; empty
    ones left out."""
    if not isinstance(detail, dict):
        return [Line(str(OTHER_FIELD), _value(detail))] if detail not in (None, "") else []
    return [
        Line(str(FIELDS.get(key, OTHER_FIELD)), _value(value))
        for key, value in detail.items()
        if value not in (None, "")  # "Lý do: —" under an approval says nothing
    ]
