from django.db import migrations, models


def split_licences(apps, schema_editor):
    """Each stored licence finding becomes the kind its evidence says it was."""
    Violation = apps.get_model("monitoring", "Violation")
    stored = Violation.objects.using(schema_editor.connection.alias)
    for violation in stored.filter(kind="licence"):
        state = (violation.evidence or {}).get("state")
        violation.kind = "licence_expiring" if state == "expiring" else "licence_expired"
        violation.save(update_fields=["kind"])


def join_licences(apps, schema_editor):
    Violation = apps.get_model("monitoring", "Violation")
    stored = Violation.objects.using(schema_editor.connection.alias)
    stored.filter(kind__in=["licence_expired", "licence_expiring"]).update(kind="licence")


class Migration(migrations.Migration):
    """Expired and expiring licences as two kinds: a breach and a warning are worded and
    counted apart."""

    dependencies = [
        ('monitoring', '0002_stationsilence_and_two_kinds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='violation',
            name='kind',
            field=models.CharField(choices=[('after_hours', 'Hoạt động ngoài giờ cho phép'), ('minor_limit', 'Người chưa thành niên chơi quá thời gian trong ngày'), ('no_identity', 'Phiên sử dụng không có thông tin người dùng hợp lệ'), ('silent', 'Điểm mất liên lạc khi đang có máy sử dụng'), ('software_outdated', 'Phần mềm quản lý điểm đã cũ'), ('software_modified', 'Phần mềm quản lý điểm bị sửa đổi'), ('licence_expired', 'Giấy phép đã hết hạn'), ('licence_expiring', 'Giấy phép sắp hết hạn'), ('no_session_access', 'Truy cập Internet không có phiên sử dụng'), ('station_silent', 'Máy trạm mất kết nối khi không có phiên (nghi vô hiệu hóa phần mềm khóa máy)')], max_length=20, verbose_name='loại vi phạm'),
        ),
        migrations.RunPython(split_licences, join_licences),
    ]
