# PointProfile moved here from the core app (netpoint.common.core) when the tree was laid out
# by role. Its table stays core_pointprofile, made by core's 0001: this migration only takes it
# into this app's state, and runs no SQL.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0004_pointprofile_moved_to_profile'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PointProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(default='Điểm truy nhập Internet', max_length=200, verbose_name='tên điểm')),
                        ('point_type', models.CharField(choices=[('internet', 'Đại lý Internet'), ('game', 'Điểm cung cấp dịch vụ trò chơi điện tử công cộng'), ('wifi', 'Điểm truy nhập Internet công cộng (Wi-Fi)')], default='game', max_length=20, verbose_name='loại điểm')),
                        ('province_code', models.CharField(default='*', help_text='Mã tỉnh dùng để chọn giờ mở cửa theo quy định của tỉnh; * là mặc định.', max_length=3, verbose_name='mã tỉnh/thành')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='địa chỉ')),
                        ('rules', models.TextField(default='Xuất trình giấy tờ tùy thân khi đăng ký sử dụng.\nKhông truy cập nội dung vi phạm pháp luật.\nNgười dưới 18 tuổi không chơi quá 180 phút một ngày.', verbose_name='nội quy')),
                    ],
                    options={
                        'verbose_name': 'thông tin điểm',
                        'verbose_name_plural': 'thông tin điểm',
                        'db_table': 'core_pointprofile',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
